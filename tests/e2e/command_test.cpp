// SPDX-License-Identifier: GPL-2.0-or-later
// `jack-server ... -d DRIVER ... -- COMMAND [ARGS...]`: the server runs while
// COMMAND does; jack-server exits with COMMAND's status, as a shell reports
// it, and leaves nothing of the server behind.

#include "binaries.hpp"
#include "daemon.hpp"
#include "fifo_card.hpp"
#include "process.hpp"
#include "shm.hpp"
#include "wait.hpp"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

namespace {

using namespace std::chrono_literals;
using testing::HasSubstr;

// What one of JACK's tools run as the command does with the tests' lock on
// its client names (client_lock.hpp), the way the packaging scripts take it.
const std::vector<std::string> locked = {"flock", "/tmp/jack-server-tests-client.lock"};

std::vector<std::string> under_server(const std::string& name,
                                      const std::vector<std::string>& command) {
    std::vector<std::string> argv{
        test::jack_server_binary(), "-n", name, "-r", "-d", "dummy", "--"};
    argv.insert(argv.end(), command.begin(), command.end());
    return argv;
}

test::Result run_under_server(const std::string& name, const std::vector<std::string>& command) {
    return test::run(under_server(name, command), test::unaware_environment(), 30s);
}

struct StatusCase {
    std::string label;
    std::vector<std::string> command;
    int status;
};

// ctest names a case by its label, not by its bytes.
void PrintTo(const StatusCase& status_case, std::ostream* out) {
    *out << status_case.label;
}

class CommandStatus : public testing::TestWithParam<StatusCase> {};

TEST_P(CommandStatus, IsJackServersAndTheServerLeavesNothing) {
    auto name = test::unique_server_name("command-" + GetParam().label);
    auto result = run_under_server(name, GetParam().command);
    ASSERT_TRUE(result.exit.exited()) << result.errors;
    EXPECT_EQ(result.exit.status, GetParam().status) << result.errors;
    EXPECT_THAT(result.errors, HasSubstr("server '" + name + "' stopped"));
    auto left = test::jack_files_of(name);
    EXPECT_TRUE(left.empty()) << test::describe(left);
}

INSTANTIATE_TEST_SUITE_P(Commands, CommandStatus,
                         testing::Values(StatusCase{"true", {"true"}, 0},
                                         StatusCase{"exit3", {"sh", "-c", "exit 3"}, 3},
                                         StatusCase{"killed", {"sh", "-c", "kill -KILL $$"}, 137},
                                         StatusCase{"missing", {"jstest-no-such-command"}, 127},
                                         StatusCase{"notexecutable", {"/dev/null"}, 126}),
                         [](const auto& info) { return info.param.label; });

TEST(Command, ThatCannotRunIsNamedOnOneLine) {
    auto name = test::unique_server_name("command-missing-line");
    auto result = run_under_server(name, {"jstest-no-such-command", "arg"});
    EXPECT_EQ(result.exit.status, 127);
    EXPECT_THAT(result.errors, HasSubstr("cannot run 'jstest-no-such-command': command not found"));
}

// What a client sees: the same ports as under `jackd -r -d dummy & jack_wait
// -w; COMMAND; kill`, and at once, with no wait of its own.
TEST(Command, SeesItsServerAtOnceAsAClientOfJackdDoes) {
    auto ours_name = test::unique_server_name("command-lsp");
    std::vector<std::string> lsp = locked;
    lsp.push_back("jack_lsp");
    auto ours = run_under_server(ours_name, lsp);
    ASSERT_EQ(ours.exit.status, 0) << ours.errors;
    EXPECT_THAT(ours.output, HasSubstr("system:playback_1"));

    auto jackd_name = test::unique_server_name("command-lsp-jackd");
    test::Process jackd({"jackd", "-n", jackd_name, "-r", "-d", "dummy"},
                        test::client_environment(jackd_name));
    ASSERT_TRUE(test::wait_until([&] { return test::serving(jackd_name) || !jackd.running(); }) &&
                jackd.running())
        << jackd.errors();
    auto theirs = test::run({"jack_lsp"}, test::client_environment(jackd_name));
    jackd.signal(SIGTERM);
    EXPECT_TRUE(jackd.wait(30s));
    EXPECT_EQ(ours.output, theirs.output);
}

// Runs COMMAND under a server, once it said it started.
class Running {
public:
    Running(const std::string& name, const std::vector<std::string>& args,
            const std::vector<std::string>& command,
            std::map<std::string, std::string> env = test::unaware_environment())
        : process_(argv(name, args, command), std::move(env)) {}

    test::Process& process() { return process_; }
    // The pid of the command, which prints "started <pid>" first.
    pid_t wait_started() { return test::wait_started(process_); }

private:
    static std::vector<std::string> argv(const std::string& name, std::vector<std::string> args,
                                         const std::vector<std::string>& command) {
        std::vector<std::string> all{test::jack_server_binary(), "-n", name};
        all.insert(all.end(), args.begin(), args.end());
        all.emplace_back("--");
        all.insert(all.end(), command.begin(), command.end());
        return all;
    }
    test::Process process_;
};

bool gone(pid_t pid) {
    return ::kill(pid, 0) != 0 && errno == ESRCH;
}

TEST(Command, SigtermToJackServerGoesToTheCommandAndBothEnd) {
    auto name = test::unique_server_name("command-term");
    Running running(name, {"-r", "-d", "dummy"}, {"sh", "-c", "echo started $$; exec sleep 30"});
    auto pid = running.wait_started();
    ASSERT_GT(pid, 0) << running.process().errors();
    running.process().signal(SIGTERM);
    auto exit = running.process().wait(10s);
    ASSERT_TRUE(exit) << "still running 10 s after SIGTERM: " << running.process().errors();
    EXPECT_EQ(exit->status, 128 + SIGTERM) << running.process().errors();
    EXPECT_THAT(running.process().errors(), HasSubstr("passed on to 'sh'"));
    EXPECT_TRUE(gone(pid));
    auto left = test::jack_files_of(name);
    EXPECT_TRUE(left.empty()) << test::describe(left);
}

TEST(Command, ACommandThatHandlesSigtermChoosesTheStatus) {
    auto name = test::unique_server_name("command-trap");
    Running running(
        name, {"-r", "-d", "dummy"},
        {"sh", "-c", "trap 'exit 7' TERM; echo started $$; while :; do sleep 0.1; done"});
    ASSERT_GT(running.wait_started(), 0) << running.process().errors();
    running.process().signal(SIGTERM);
    auto exit = running.process().wait(10s);
    ASSERT_TRUE(exit) << running.process().errors();
    EXPECT_EQ(exit->status, 7);
}

// The daemon blocks its signals and ignores SIGPIPE; the command must not
// inherit either, nor a descriptor jack-server or libjackserver opened: it
// gets the descriptors the same command run without jack-server gets.
TEST(Command, InheritsNoBlockedOrIgnoredSignalAndNoDescriptorOfTheServer) {
    auto name = test::unique_server_name("command-inherit");
    // grep reads its own mask, as exec gave it: the shell's own shows all
    // blocked while it forks grep (dash blocks them around vfork).
    std::vector<std::string> command{
        "sh", "-c", "ls /proc/$$/fd; exec grep -E '^Sig(Blk|Ign)' /proc/self/status"};
    auto result = run_under_server(name, command);
    ASSERT_EQ(result.exit.status, 0) << result.errors;
    auto alone = test::run(command);
    std::vector<std::string> expected_fds;
    std::istringstream alone_lines(alone.output);
    for (std::string line; std::getline(alone_lines, line);)
        if (!line.starts_with("Sig"))
            expected_fds.push_back(line);
    ASSERT_THAT(expected_fds, testing::IsSupersetOf({"0", "1", "2"}));
    std::istringstream lines(result.output);
    std::string line;
    std::vector<std::string> fds;
    while (std::getline(lines, line)) {
        if (line.starts_with("SigBlk:"))
            EXPECT_EQ(std::stoull(line.substr(7), nullptr, 16), 0u) << line;
        else if (line.starts_with("SigIgn:"))
            EXPECT_EQ(std::stoull(line.substr(7), nullptr, 16) & (1ull << (SIGPIPE - 1)), 0u)
                << line;
        else
            fds.push_back(line);
    }
    EXPECT_EQ(fds, expected_fds);
}

TEST(Command, AStalledServerEndsTheCommandAndExits75) {
    test::FifoCard card("commandstall");
    int reader = ::open(card.fifo().c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    ASSERT_GE(reader, 0);
    auto name = test::unique_server_name("command-stall");
    auto env = test::unaware_environment();
    env["HOME"] = card.home();
    // It ignores SIGTERM: the SIGKILL after the grace period ends it.
    Running running(name,
                    {"--stall-timeout", "1s", "-r", "-p", "64", "-d", "alsa", "-P", "commandstall",
                     "-p", "256"},
                    {"sh", "-c", "trap '' TERM; echo started $$; exec sleep 60"}, env);
    std::size_t played = 0;
    pid_t pid = 0;
    EXPECT_TRUE(test::wait_until([&] {
        char buffer[65536];
        for (ssize_t got; (got = ::read(reader, buffer, sizeof buffer)) > 0;)
            played += static_cast<std::size_t>(got);
        std::istringstream output(running.process().output());
        std::string word;
        return (output >> word >> pid) && word == "started" && played > 0;
    })) << running.process().errors();
    // The test stops reading here: the FIFO fills and the driver blocks.
    auto exit = running.process().wait(40s);
    ::close(reader);
    ASSERT_TRUE(exit) << "still running with a blocked driver: " << running.process().errors();
    EXPECT_EQ(exit->status, 75) << running.process().errors();
    EXPECT_THAT(running.process().errors(), HasSubstr("ending 'sh': the engine stalled"));
    EXPECT_TRUE(pid > 0 && gone(pid));

    // A stalled engine's server cannot unregister; the next of its name
    // reclaims the entry (as in the Stall test of service_test.cpp).
    test::Daemon restarted(name, {"-r", "-p", "64", "-d", "dummy"});
    EXPECT_TRUE(restarted.wait_serving()) << restarted.errors();
    restarted.signal(SIGTERM);
    EXPECT_TRUE(restarted.wait());
}

// -- before -d: the driver comes from a config file.
TEST(Command, SeparatorBeforeTheDriverWorksWithAConfigFile) {
    auto name = test::unique_server_name("command-config");
    auto path = "/tmp/" + name + ".toml";
    {
        std::ofstream file(path);
        file << "[server]\nrealtime = false\n[driver]\nname = \"dummy\"\n";
    }
    auto result = test::run(
        {test::jack_server_binary(), "-n", name, "--config", path, "--", "sh", "-c", "exit 5"},
        test::unaware_environment(), 30s);
    ::unlink(path.c_str());
    EXPECT_EQ(result.exit.status, 5) << result.errors;
}

struct RefusedCase {
    std::string label;
    std::vector<std::string> args;
    std::string message;
};

void PrintTo(const RefusedCase& refused_case, std::ostream* out) {
    *out << refused_case.label;
}

class CommandRefused : public testing::TestWithParam<RefusedCase> {};

TEST_P(CommandRefused, WithUsageStatusAndOneLine) {
    std::vector<std::string> argv{test::jack_server_binary()};
    argv.insert(argv.end(), GetParam().args.begin(), GetParam().args.end());
    auto result = test::run(argv, test::unaware_environment());
    EXPECT_EQ(result.exit.status, 64) << result.errors;
    EXPECT_THAT(result.errors, HasSubstr(GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    Combinations, CommandRefused,
    testing::Values(
        RefusedCase{"background",
                    {"--background", "-d", "dummy", "--", "true"},
                    "jack-server: --background cannot be given with -- COMMAND"},
        RefusedCase{"check",
                    {"--check", "-d", "dummy", "--", "true"},
                    "jack-server: --check runs no command: it cannot be given with -- true"},
        RefusedCase{"printconfig",
                    {"--print-config", "-d", "dummy", "--", "true"},
                    "jack-server: --print-config runs no command"},
        RefusedCase{"empty", {"-d", "dummy", "--"}, "jack-server: '--' needs a command after it"}),
    [](const auto& info) { return info.param.label; });

} // namespace
