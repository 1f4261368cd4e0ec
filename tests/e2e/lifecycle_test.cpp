// SPDX-License-Identifier: GPL-2.0-or-later
// Starting and stopping the built daemon with real signals and clients.

#include "daemon.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

using test::Daemon;
using testing::HasSubstr;

namespace {

class StopSignal : public testing::TestWithParam<int> {};

TEST_P(StopSignal, StopsCleanlyWithStatus0AndLeavesNoServer) {
    auto name = test::unique_server_name("stop" + std::to_string(GetParam()));
    Daemon daemon(name, {"-r", "-p", "64", "-d", "dummy"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    daemon.signal(GetParam());
    auto exit = daemon.wait();
    ASSERT_TRUE(exit) << "still running";
    EXPECT_TRUE(exit->exited()) << "killed by signal " << exit->signal;
    EXPECT_EQ(exit->status, 0);
    EXPECT_THAT(daemon.errors(), HasSubstr("server '" + name + "' stopped"));
    EXPECT_FALSE(test::serving(name));
}

INSTANTIATE_TEST_SUITE_P(Signals, StopSignal, testing::Values(SIGTERM, SIGINT, SIGQUIT, SIGHUP),
                         [](const auto& info) { return std::string(sigabbrev_np(info.param)); });

TEST(Lifecycle, TemporaryExitsAfterTheLastClientLeaves) {
    auto name = test::unique_server_name("temporary");
    Daemon daemon(name, {"-T", "-r", "-p", "64", "-d", "dummy"});
    // Readiness, not a probing client: that would itself end a -T server.
    ASSERT_TRUE(daemon.wait_ready()) << daemon.errors();
    EXPECT_TRUE(daemon.running());
    EXPECT_EQ(daemon.client({"jack_samplerate"}).exit.status, 0);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit) << "still running after its only client left";
    EXPECT_EQ(exit->status, 0);
    EXPECT_THAT(daemon.errors(), HasSubstr("the last client left (-T)"));
    EXPECT_FALSE(test::serving(name));
}

TEST(Lifecycle, SigusrOneLogsAndKeepsRunning) {
    Daemon daemon(test::unique_server_name("usr1"), {"-r", "-p", "64", "-d", "dummy"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    daemon.signal(SIGUSR1);
    ASSERT_TRUE(daemon.wait_logged("status: uptime")) << daemon.errors();
    EXPECT_THAT(daemon.errors(),
                testing::ContainsRegex("status: uptime [0-9.]+ s, driver dummy, rate 48000 Hz, "
                                       "period 1024 frames, cycles [0-9]+, xruns [0-9]+, DSP load "
                                       "[0-9.]+ % \\(max [0-9.]+ %\\)"));
    EXPECT_TRUE(daemon.running());
}

TEST(Lifecycle, RealtimeByDefaultAsJackd) {
    Daemon daemon(test::unique_server_name("rt"), {"-p", "64", "-d", "dummy"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    EXPECT_THAT(daemon.errors(), HasSubstr("realtime (priority 10)"));
}

TEST(Lifecycle, VerboseShowsDebugAndSilentDropsJackErrors) {
    Daemon verbose(test::unique_server_name("verbose"), {"-v", "-r", "-p", "64", "-d", "dummy"});
    ASSERT_TRUE(verbose.wait_serving()) << verbose.errors();
    EXPECT_THAT(verbose.errors(), HasSubstr("jack info: "));

    // -s: JACK's own error lines are dropped; jack-server's summary still says why.
    Daemon silent(test::unique_server_name("silent"), {"-s", "-r", "-d", "alsa", "-d", "hw:99"});
    ASSERT_TRUE(silent.wait());
    EXPECT_THAT(silent.errors(), testing::Not(HasSubstr("jack error")));
    EXPECT_THAT(silent.errors(), HasSubstr("jack-server error: cannot open server"));
}

} // namespace
