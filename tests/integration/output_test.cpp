#include "jack_server/error.hpp"
#include "jack_server/output.hpp"
#include "jack_server/server.hpp"
#include "wait.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <mutex>
#include <thread>

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

// Runs action on a thread of its own and waits for it. An output function
// that deadlocks holds the library's mutex for good: every later test would
// hang in TearDown, so the program stops here, saying why.
void finishes_within_10s(const std::function<void()>& action) {
    std::packaged_task<void()> task(action);
    auto done = task.get_future();
    std::thread(std::move(task)).detach();
    if (done.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
        std::fprintf(stderr, "%s: still running after 10 s, deadlocked in an output function\n",
                     testing::UnitTest::GetInstance()->current_test_info()->name());
        std::_Exit(EXIT_FAILURE);
    }
    done.get();
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

// A function that replaces itself, as a program does whose first message
// sets up its real logging: the later messages reach the new function.
TEST_F(OutputTest, AnInfoFunctionMayReplaceItself) {
    Collected later;
    std::atomic<int> first_calls = 0;
    set_info_function([&](std::string_view) {
        ++first_calls;
        set_info_function(later.function());
    });
    finishes_within_10s([] { provoke_info_and_error(test::unique_server_name("info-self")); });
    EXPECT_EQ(first_calls, 1);
    EXPECT_GT(later.size(), 0u);
}

TEST_F(OutputTest, AnErrorFunctionMayReplaceItself) {
    Collected later;
    std::atomic<int> first_calls = 0;
    set_error_function([&](std::string_view) {
        ++first_calls;
        set_error_function(later.function());
    });
    finishes_within_10s([] { provoke_info_and_error(test::unique_server_name("error-self")); });
    EXPECT_EQ(first_calls, 1);
    EXPECT_GT(later.size(), 0u);
}

// And one kind's function may replace the other kind's.
TEST_F(OutputTest, AnErrorFunctionMaySilenceInfo) {
    Collected info;
    set_info_function(info.function());
    set_error_function([](std::string_view) { set_info_function(nullptr); });
    finishes_within_10s([] { provoke_info_and_error(test::unique_server_name("error-other")); });
    auto before = info.size();
    provoke_info_and_error(test::unique_server_name("error-other"));
    EXPECT_EQ(info.size(), before);
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
