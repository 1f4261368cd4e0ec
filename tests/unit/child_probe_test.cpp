// SPDX-License-Identifier: GPL-2.0-or-later
// A probe runs in a child process the run loop never waits for: its result
// comes when the child ends, and one that blocks is killed at its deadline.

#include "parts/child_probe.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <thread>
#include <unistd.h>

using jack_server::detail::ChildProbe;
using namespace std::chrono_literals;

namespace {

TEST(ChildProbe, GivesTheJobsResultOnceTheChildEnded) {
    ChildProbe probe([] { return 70000; }, 5s);
    EXPECT_EQ(probe.wait(), 70000);
    EXPECT_EQ(probe.result(ChildProbe::Clock::now()), 70000);
}

// The job runs in the child: what it changes stays there.
TEST(ChildProbe, TheJobRunsInAnotherProcess) {
    auto parent = ::getpid();
    ChildProbe probe([parent] { return ::getpid() != parent ? 0 : 1; }, 5s);
    EXPECT_EQ(probe.wait(), 0);
}

TEST(ChildProbe, AskingNeverWaitsAndABlockedProbeIsKilledAtItsDeadline) {
    auto started = ChildProbe::Clock::now();
    ChildProbe probe(
        [] {
            ::pause(); // as an open of a FIFO nobody reads
            return 0;
        },
        300ms);
    EXPECT_FALSE(probe.result(ChildProbe::Clock::now()));
    EXPECT_LT(ChildProbe::Clock::now() - started, 100ms) << "asking waited";
    EXPECT_EQ(probe.wait(), -1);
    EXPECT_GE(ChildProbe::Clock::now() - started, 300ms);
}

// Destroyed while its child runs (the card returned by other means): the
// child is killed and reaped, leaving no process behind.
TEST(ChildProbe, ADroppedProbeLeavesNoProcess) {
    pid_t child = 0;
    {
        int report[2];
        ASSERT_EQ(::pipe(report), 0);
        ChildProbe probe(
            [&] {
                pid_t self = ::getpid();
                [[maybe_unused]] auto written = ::write(report[1], &self, sizeof self);
                ::pause();
                return 0;
            },
            10s);
        ASSERT_EQ(::read(report[0], &child, sizeof child), ssize_t(sizeof child));
        ::close(report[0]);
        ::close(report[1]);
    }
    ChildProbe next([] { return 0; }, 5s); // reaps the abandoned one
    EXPECT_EQ(next.wait(), 0);
    auto deadline = ChildProbe::Clock::now() + 5s;
    while (::kill(child, 0) == 0 && ChildProbe::Clock::now() < deadline) {
        ChildProbe reaper([] { return 0; }, 5s);
        reaper.wait();
    }
    EXPECT_NE(::kill(child, 0), 0) << "the dropped probe's child is still there";
}

} // namespace
