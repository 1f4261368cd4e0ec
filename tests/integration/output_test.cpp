#include "jack_server/error.hpp"
#include "jack_server/output.hpp"
#include "jack_server/server.hpp"
#include "wait.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <mutex>

using namespace jack_server;

namespace {

// Messages received through an output function, safe to read while JACK's
// threads add to it.
class Collected {
public:
    OutputFunction function() {
        return [this](std::string_view message) {
            std::lock_guard lock(mutex_);
            messages_.emplace_back(message);
        };
    }
    std::size_t size() {
        std::lock_guard lock(mutex_);
        return messages_.size();
    }

private:
    std::mutex mutex_;
    std::vector<std::string> messages_;
};

ServerOptions options(const std::string& name) {
    ServerOptions result;
    result.driver = "dummy";
    result.name = name;
    result.realtime = false;
    return result;
}

// Starts the alsa driver on a sound card that does not exist: JACK reports
// that it starts, then errors.
void provoke_info_and_error(const std::string& name) {
    auto missing_card = options(name);
    missing_card.driver = "alsa";
    missing_card.device = "hw:99";
    Server server(missing_card);
    EXPECT_THROW(server.start(), ServerNotOpenedError);
}

class OutputTest : public testing::Test {
protected:
    void TearDown() override {
        set_info_function(nullptr);
        set_error_function(nullptr);
    }
};

TEST_F(OutputTest, InfoAndErrorFunctionsAreCalledWhileAServerStarts) {
    Collected info, errors;
    set_info_function(info.function());
    set_error_function(errors.function());
    provoke_info_and_error(test::unique_server_name("output"));
    EXPECT_GT(info.size(), 0u);
    EXPECT_GT(errors.size(), 0u);
}

TEST_F(OutputTest, NullptrSilences) {
    Collected info, errors;
    set_info_function(info.function());
    set_error_function(errors.function());
    set_info_function(nullptr);
    set_error_function(nullptr);
    provoke_info_and_error(test::unique_server_name("silent"));
    EXPECT_EQ(info.size(), 0u);
    EXPECT_EQ(errors.size(), 0u);
}

} // namespace
