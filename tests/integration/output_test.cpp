// SPDX-License-Identifier: GPL-2.0-or-later
#include "files.hpp"
#include "jack_server/error.hpp"
#include "jack_server/output.hpp"
#include "jack_server/server.hpp"
#include "wait.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <functional>
#include <future>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <mutex>
#include <thread>
#include <unistd.h>

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
    std::vector<std::string> messages() {
        std::lock_guard lock(mutex_);
        return messages_;
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

// What action wrote to file descriptor 2, where JACK's default output goes.
std::string stderr_of(const std::function<void()>& action) {
    auto path = test::temporary_path("stderr");
    int file = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (file < 0)
        throw std::runtime_error("cannot create " + path);
    std::fflush(stderr);
    struct Restore {
        int saved = ::dup(2);
        ~Restore() {
            std::fflush(stderr);
            ::dup2(saved, 2);
            ::close(saved);
        }
    };
    {
        Restore restore;
        ::dup2(file, 2);
        ::close(file);
        action();
    }
    auto text = test::read_file(path);
    ::unlink(path.c_str());
    return text;
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

// nullptr silences both kinds, and sends nothing to stderr (JACK's default)
// either. The same call to JACK is first shown to produce both kinds, so the
// silence is nullptr's doing.
TEST_F(OutputTest, NullptrSilences) {
    auto name = test::unique_server_name("silent");
    Collected info, errors;
    set_info_function(info.function());
    set_error_function(errors.function());
    provoke_info_and_error(name);
    auto info_said = info.messages();
    auto errors_said = errors.messages();
    ASSERT_THAT(info_said, testing::Not(testing::IsEmpty()));
    ASSERT_THAT(errors_said, testing::Not(testing::IsEmpty()));

    set_info_function(nullptr);
    set_error_function(nullptr);
    auto printed = stderr_of([&] { provoke_info_and_error(name); });
    EXPECT_EQ(info.size(), info_said.size());
    EXPECT_EQ(errors.size(), errors_said.size());
    // ALSA prints its own complaints to stderr; none of JACK's may show.
    std::vector<std::string> leaked;
    for (const auto& said : {info_said, errors_said})
        for (const auto& message : said)
            if (!message.empty() && printed.find(message) != std::string::npos)
                leaked.push_back(message);
    EXPECT_THAT(leaked, testing::IsEmpty()) << "stderr:\n" << printed;
}

} // namespace
