// SPDX-License-Identifier: GPL-2.0-or-later
// Both event loops (Linux and POSIX) against the promises of event_loop.hpp,
// with real signals sent to this process.

#include "event_loop_implementations.hpp"
#include "os/event_loop.hpp"

#include <atomic>
#include <chrono>
#include <gtest/gtest.h>
#include <pthread.h>
#include <signal.h>
#include <thread>
#include <unistd.h>

using jack_server::detail::Event;
using namespace std::chrono_literals;

namespace {

class EventLoopTest : public testing::TestWithParam<test::EventLoopImplementation> {};

TEST_P(EventLoopTest, ASignalComesWithItsSendersPid) {
    auto loop = test::make_daemon_loop(GetParam());
    ASSERT_EQ(::kill(::getpid(), SIGUSR1), 0);
    auto event = loop->wait(20s);
    ASSERT_EQ(event.kind, Event::Kind::signal);
    EXPECT_EQ(event.signal.number, SIGUSR1);
    EXPECT_EQ(event.signal.sender, ::getpid());
}

TEST_P(EventLoopTest, ASignalComesBeforeAWakeAndBothAreReported) {
    auto loop = test::make_daemon_loop(GetParam());
    loop->wake();
    ASSERT_EQ(::kill(::getpid(), SIGHUP), 0);
    auto first = loop->wait(20s);
    ASSERT_EQ(first.kind, Event::Kind::signal);
    EXPECT_EQ(first.signal.number, SIGHUP);
    EXPECT_EQ(loop->wait(20s).kind, Event::Kind::wake);
}

TEST_P(EventLoopTest, ThreadsStartedAfterItHaveTheSignalsBlocked) {
    auto loop = test::make_daemon_loop(GetParam());
    sigset_t mask;
    sigemptyset(&mask);
    std::thread([&] { pthread_sigmask(SIG_BLOCK, nullptr, &mask); }).join();
    for (int number : {SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2})
        EXPECT_TRUE(sigismember(&mask, number)) << number;
}

TEST_P(EventLoopTest, AWakeFromAnotherThreadEndsTheWait) {
    auto loop = test::make_daemon_loop(GetParam());
    std::thread waker([&] { loop->wake(); });
    auto event = loop->wait(20s);
    waker.join();
    EXPECT_EQ(event.kind, Event::Kind::wake);
    // Wakes do not pile up: the one above was consumed.
    EXPECT_EQ(loop->wait(0ms).kind, Event::Kind::timeout);
}

TEST_P(EventLoopTest, TicksComeAtTheInterval) {
    auto loop = test::make_daemon_loop(GetParam());
    loop->start_ticks(10ms);
    auto started = std::chrono::steady_clock::now();
    for (int ticks = 0; ticks < 3; ++ticks)
        ASSERT_EQ(loop->wait(20s).kind, Event::Kind::tick);
    EXPECT_GE(std::chrono::steady_clock::now() - started, 30ms);
}

TEST_P(EventLoopTest, AWaitWithALimitTimesOutWhenNothingHappens) {
    auto loop = test::make_daemon_loop(GetParam());
    auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(loop->wait(20ms).kind, Event::Kind::timeout);
    EXPECT_GE(std::chrono::steady_clock::now() - started, 20ms);
}

// A signal that arrives after the last wait (a second SIGTERM while the server
// stops) is dropped with the loop, not delivered: this process would die.
TEST_P(EventLoopTest, APendingSignalIsDiscardedWithTheLoop) {
    {
        auto loop = test::make_daemon_loop(GetParam());
        ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
    }
    sigset_t pending;
    sigpending(&pending);
    EXPECT_FALSE(sigismember(&pending, SIGTERM));
}

INSTANTIATE_TEST_SUITE_P(, EventLoopTest, testing::ValuesIn(test::event_loop_implementations()),
                         test::implementation_name);

TEST(PosixEventLoop, OnlyOneAtATime) {
    auto loop = jack_server::detail::make_posix_event_loop({SIGUSR2});
    EXPECT_THROW(jack_server::detail::make_posix_event_loop({SIGUSR2}), std::system_error);
}

} // namespace
