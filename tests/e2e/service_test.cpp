// SPDX-License-Identifier: GPL-2.0-or-later
// Running as a service: readiness (sd_notify, --ready-fd, --background), the
// pid file, health figures, and logs, against real sockets, pipes and clients.

#include "binaries.hpp"
#include "daemon.hpp"
#include "fifo_card.hpp"
#include "files.hpp"
#include "notify_socket.hpp"
#include "test_card.hpp"

#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>
#include <signal.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace std::chrono_literals;
using test::exists;
using test::NotifySocket;
using test::read_file;
using test::temporary_path;
using testing::HasSubstr;
using testing::StartsWith;

namespace {

std::vector<std::string> command(const std::string& name, const std::vector<std::string>& args) {
    std::vector<std::string> argv{test::jack_server_binary(), "-n", name};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

std::map<std::string, std::string> environment(const std::string& name,
                                               std::map<std::string, std::string> extra) {
    auto env = test::client_environment(name);
    env.merge(extra);
    return env;
}

TEST(Notify, SendsReadyStatusThenStoppingInOrder) {
    NotifySocket socket;
    auto name = test::unique_server_name("notify");
    test::Process daemon(command(name, {"-r", "-p", "64", "-d", "dummy"}),
                         environment(name, {{"NOTIFY_SOCKET", socket.path()}}));
    EXPECT_EQ(socket.next(), "READY=1");
    // Ready means serving: a client connects at once, no polling.
    EXPECT_TRUE(test::serving(name));
    EXPECT_EQ(socket.next(), "STATUS=driver dummy, rate 48000 Hz, period 1024 frames, xruns 0");
    daemon.signal(SIGTERM);
    EXPECT_EQ(socket.next(), "STOPPING=1");
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0);
    EXPECT_EQ(socket.next(100ms), "");
}

TEST(Notify, PingsTheWatchdogWhileCyclesAdvance) {
    NotifySocket socket;
    auto name = test::unique_server_name("watchdog");
    test::Process daemon(
        command(name, {"-r", "-p", "64", "-d", "dummy"}),
        environment(name, {{"NOTIFY_SOCKET", socket.path()}, {"WATCHDOG_USEC", "200000"}}));
    int pings = 0;
    for (auto message = socket.next(); !message.empty() && pings < 3; message = socket.next())
        pings += message == "WATCHDOG=1";
    EXPECT_EQ(pings, 3);
}

TEST(Notify, BackgroundTellsTheMainPidAndWaitDeviceExtendsTheTimeout) {
    NotifySocket socket;
    auto name = test::unique_server_name("mainpid");
    auto result = test::run(
        command(name, {"--background", "--wait-device", "5s", "-r", "-p", "64", "-d", "dummy"}),
        environment(name, {{"NOTIFY_SOCKET", socket.path()}}));
    ASSERT_EQ(result.exit.status, 0) << result.errors;
    pid_t pid = std::stoi(result.output);
    EXPECT_EQ(socket.next(), "MAINPID=" + std::to_string(pid));
    EXPECT_EQ(socket.next(), "READY=1");
    EXPECT_THAT(socket.next(), StartsWith("STATUS=driver dummy"));
    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    EXPECT_EQ(socket.next(), "STOPPING=1");
    EXPECT_TRUE(test::wait_until([&] { return ::kill(pid, 0) != 0; }));

    // A device that is missing: each retry asks systemd for more start-up time.
    test::Process waiting(command(test::unique_server_name("extend"),
                                  {"--wait-device", "2s", "-r", "-d", "alsa", "-d", "hw:99"}),
                          environment(name, {{"NOTIFY_SOCKET", socket.path()}}));
    EXPECT_EQ(socket.next(), "EXTEND_TIMEOUT_USEC=1000000");
    auto exit = waiting.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 69);
}

TEST(ReadyFd, WritesOneLineWhenClientsCanConnect) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    auto name = test::unique_server_name("readyfd");
    test::Process daemon(
        command(name, {"--ready-fd", std::to_string(fds[1]), "-r", "-p", "64", "-d", "dummy"}),
        test::client_environment(name));
    ::close(fds[1]);
    std::string line;
    char c = 0;
    while (::read(fds[0], &c, 1) == 1)
        line += c; // EOF: the daemon closed it after the line
    ::close(fds[0]);
    EXPECT_EQ(line, "READY=1\n");
    EXPECT_TRUE(test::serving(name));
}

TEST(Background, ReturnsOnceReadyWithThePidAndAPidFile) {
    auto name = test::unique_server_name("background");
    auto pid_path = temporary_path("background.pid");
    auto result = test::run(
        command(name, {"--background", "--pid-file", pid_path, "-r", "-p", "64", "-d", "dummy"}),
        test::client_environment(name));
    ASSERT_EQ(result.exit.status, 0) << result.errors;
    EXPECT_TRUE(test::serving(name)); // at once: no polling after --background returns
    pid_t pid = std::stoi(result.output);
    EXPECT_EQ(read_file(pid_path), result.output);

    // The same pid file refuses a second daemon, naming the first.
    auto second = test::run(
        command(test::unique_server_name("second"), {"--pid-file", pid_path, "-r", "-d", "dummy"}));
    EXPECT_EQ(second.exit.status, 69);
    EXPECT_THAT(second.errors, HasSubstr("already running (pid " + std::to_string(pid) + ")"));

    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    EXPECT_TRUE(test::wait_until([&] { return !exists(pid_path); }));
    EXPECT_TRUE(test::wait_until([&] { return ::kill(pid, 0) != 0; }));
    EXPECT_FALSE(test::serving(name));
}

TEST(Background, FailureReturnsTheDaemonsStatusAndMessage) {
    auto result = test::run(command(test::unique_server_name("bgfail"),
                                    {"--background", "-r", "-d", "alsa", "-d", "hw:99"}));
    EXPECT_EQ(result.exit.status, 69);
    EXPECT_EQ(result.output, "");
    EXPECT_THAT(result.errors, HasSubstr("cannot open server"));
}

TEST(PidFile, AStaleFileDoesNotBlock) {
    auto pid_path = temporary_path("stale.pid");
    std::ofstream(pid_path) << "999999\n";
    auto name = test::unique_server_name("stale");
    test::Daemon daemon(name, {"--pid-file", pid_path, "-r", "-p", "64", "-d", "dummy"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    EXPECT_EQ(read_file(pid_path), std::to_string(daemon.pid()) + "\n");
    daemon.signal(SIGINT);
    ASSERT_TRUE(daemon.wait());
    EXPECT_FALSE(exists(pid_path));
}

TEST(Stats, CleanStopWritesTheFiguresAndASummary) {
    auto stats_path = temporary_path("stats.json");
    auto name = test::unique_server_name("stats");
    test::Daemon daemon(name, {"--stats-file", stats_path, "-r", "-p", "64", "-d", "dummy", "-r",
                               "44100", "-p", "256"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << daemon.errors();
    EXPECT_THAT(daemon.errors(), testing::ContainsRegex("exit status 0: received SIGTERM; uptime "
                                                        "[0-9.]+ s, driver dummy, rate 44100 Hz"));
    auto stats = nlohmann::json::parse(read_file(stats_path));
    ::unlink(stats_path.c_str());
    EXPECT_EQ(stats["rate"], 44100);
    EXPECT_EQ(stats["period"], 256);
    // A loaded machine may give the dummy driver xruns of its own: same figure as logged.
    EXPECT_THAT(daemon.errors(),
                HasSubstr(fmt::format("xruns {},", stats["xruns"].get<std::uint64_t>())));
    EXPECT_EQ(stats["exit_status"], 0);
    EXPECT_GT(stats["cycles"].get<std::uint64_t>(), 0u);
    EXPECT_GT(stats["uptime_s"].get<double>(), 0.0);
    // Cycles are periods the timed dummy driver ran: never more than its clock allows.
    EXPECT_LE(stats["cycles"].get<double>(), stats["uptime_s"].get<double>() * 44100 / 256 + 2);
    EXPECT_GE(stats["dsp_load_max"].get<double>(), stats["dsp_load_avg"].get<double>());
    EXPECT_FALSE(exists(stats_path + ".tmp"));
}

// A client stopped with SIGSTOP misses its deadline every cycle: real xruns.
TEST(Stats, MoreXrunsThanAllowedExit1AndStatusFollowsTheXruns) {
    NotifySocket socket;
    auto stats_path = temporary_path("xruns.json");
    auto name = test::unique_server_name("xruns");
    test::Process daemon(command(name, {"--stats-file", stats_path, "--max-xruns", "0", "-r", "-p",
                                        "64", "-d", "dummy", "-p", "256"}),
                         environment(name, {{"NOTIFY_SOCKET", socket.path()}}));
    ASSERT_EQ(socket.next(), "READY=1") << daemon.errors();
    auto stopped = test::unique_client_name("stopped");
    test::Process client({"jack_simple_client", stopped}, test::client_environment(name));
    ASSERT_TRUE(test::wait_until([&] {
        return test::run({"jack_lsp"}, test::client_environment(name)).output.find(stopped + ":") !=
               std::string::npos;
    }));
    client.signal(SIGSTOP);
    // STATUS= is sent again whenever the xrun count changes; on a loaded
    // machine the driver may be late first, so wait for the client's.
    std::string status;
    for (auto message = socket.next(); !message.empty(); message = socket.next())
        if (message.starts_with("STATUS=") && message.find("(late: ") != std::string::npos) {
            status = message;
            break;
        }
    // The stopped client is the one that made them late.
    EXPECT_THAT(status, testing::MatchesRegex("STATUS=driver dummy, rate 48000 Hz, period 256 "
                                              "frames, xruns [1-9][0-9]* \\(late: .*\\)"));
    EXPECT_THAT(status, HasSubstr("(late: " + stopped + " "));
    client.signal(SIGKILL);
    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 1) << daemon.errors();
    EXPECT_THAT(daemon.errors(), HasSubstr("more than the 0 allowed (--max-xruns)"));
    auto stats = nlohmann::json::parse(read_file(stats_path));
    ::unlink(stats_path.c_str());
    EXPECT_GT(stats["xruns"].get<std::uint64_t>(), 0u);
    EXPECT_EQ(stats["exit_status"], 1);
}

TEST(Logs, JsonLinesParse) {
    auto name = test::unique_server_name("json");
    test::Daemon daemon(name, {"--log-format", "json", "-v", "-r", "-p", "64", "-d", "dummy"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    daemon.signal(SIGTERM);
    ASSERT_TRUE(daemon.wait());
    std::istringstream lines(daemon.errors());
    std::set<std::string> sources;
    int count = 0;
    for (std::string line; std::getline(lines, line); ++count) {
        auto object = nlohmann::json::parse(line); // throws when not one object a line
        EXPECT_THAT(object["time"].get<std::string>(), testing::MatchesRegex("....-..-..T.*Z"));
        EXPECT_THAT(object["level"].get<std::string>(),
                    testing::AnyOf("debug", "info", "warning", "error"));
        EXPECT_FALSE(object["message"].get<std::string>().empty());
        sources.insert(object["source"].get<std::string>());
    }
    EXPECT_GT(count, 3);
    EXPECT_EQ(sources, (std::set<std::string>{"jack", "jack-server"}));
}

TEST(Logs, LevelErrorHidesInfo) {
    auto name = test::unique_server_name("quiet");
    test::Daemon daemon(name, {"--log-level", "error", "-r", "-p", "64", "-d", "dummy"});
    ASSERT_TRUE(test::wait_until([&] { return test::serving(name); })) << daemon.errors();
    daemon.signal(SIGTERM);
    ASSERT_TRUE(daemon.wait());
    // Errors still show: JACK has one where the user may not lock its 40 MB
    // (no CAP_IPC_LOCK, RLIMIT_MEMLOCK 8 MB), "Cannot lock down ... memory area".
    std::istringstream lines(daemon.errors());
    for (std::string line; std::getline(lines, line);)
        EXPECT_THAT(line, testing::ContainsRegex("^[0-9-]+ [0-9:.]+ [a-z-]+ (error|critical): "));
}

} // namespace

namespace {

// A device that appears during the wait: an ALSA PCM defined in ~/.asoundrc,
// under a temporary HOME, written once the daemon has failed to open it.
TEST(WaitDevice, OpensTheDeviceOnceItAppears) {
    auto home = temporary_path("home");
    ASSERT_EQ(::mkdir(home.c_str(), 0700), 0);
    auto name = test::unique_server_name("latecard");
    test::Daemon daemon(
        name,
        {"--wait-device", "30s", "-r", "-p", "64", "-d", "alsa", "-d", "latecard", "-p", "1024"},
        {{"HOME", home}});
    auto logged = [&](const std::string& text) {
        return test::wait_until([&] { return daemon.errors().find(text) != std::string::npos; });
    };
    ASSERT_TRUE(logged("retrying for up to 30 s")) << daemon.errors();
    std::ofstream(home + "/.asoundrc") << test::TestCard::paced_pcm("latecard", home + "/state");
    EXPECT_TRUE(daemon.wait_ready()) << daemon.errors();
    // In the same process: libjackserver re-opens cleanly after a failed open.
    EXPECT_THAT(daemon.errors(), HasSubstr("opened the server after "));
    EXPECT_TRUE(test::serving(name));
    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    std::filesystem::remove_all(home);
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << daemon.errors();
}

TEST(WaitDevice, GivesUpWith69) {
    auto name = test::unique_server_name("nocard");
    test::Process daemon(command(name, {"--wait-device", "2s", "-r", "-d", "alsa", "-d", "hw:99"}),
                         test::client_environment(name));
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 69);
    EXPECT_THAT(daemon.errors(), HasSubstr("gave up after waiting 2 s for the device"));
    // Each distinct failure once.
    std::string retry = "retrying for up to 2 s";
    auto first = daemon.errors().find(retry);
    EXPECT_NE(first, std::string::npos);
    EXPECT_EQ(daemon.errors().find(retry, first + 1), std::string::npos);
}

} // namespace

namespace {

// A real stall: the alsa driver plays into ALSA's file plugin, which writes
// into a FIFO. While the test reads the FIFO the engine runs; once it stops
// reading, the driver's write blocks, as with a device that stopped.
TEST(Stall, ABlockedDriverExits75AndARestartServes) {
    test::FifoCard card("stallcard");
    // Read-write, so neither side's open waits for the other.
    int reader = ::open(card.fifo().c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    ASSERT_GE(reader, 0);
    auto name = test::unique_server_name("stall");
    test::Daemon daemon(
        name,
        {"--stall-timeout", "1s", "-r", "-p", "64", "-d", "alsa", "-P", "stallcard", "-p", "256"},
        {{"HOME", card.home()}});
    std::size_t played = 0;
    EXPECT_TRUE(test::wait_until([&] {
        char buffer[65536];
        for (ssize_t got; (got = ::read(reader, buffer, sizeof buffer)) > 0;)
            played += static_cast<std::size_t>(got);
        return daemon.ready() && played > 0;
    })) << daemon.errors();
    // The test stops reading here: the FIFO fills and the driver blocks.
    auto exit = daemon.wait(30s);
    ::close(reader);
    ASSERT_TRUE(exit) << "still running with a blocked driver";
    EXPECT_EQ(exit->status, 75);
    EXPECT_THAT(daemon.errors(), HasSubstr("the engine stalled: no process cycle for"));

    // What Restart=on-failure does next: a new server of the same name starts
    // (and reclaims the registry entry the stalled one could not release).
    test::Daemon restarted(name, {"-r", "-p", "64", "-d", "dummy"});
    EXPECT_TRUE(restarted.wait_serving()) << restarted.errors();
    restarted.signal(SIGTERM);
    EXPECT_TRUE(restarted.wait());
}

} // namespace
