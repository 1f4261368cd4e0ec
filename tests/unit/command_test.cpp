// SPDX-License-Identifier: GPL-2.0-or-later
// Command: the child process of `-- COMMAND`, its status as a shell reports
// it, and its end when the server stops under it.

#include "event_loop_implementations.hpp"
#include "files.hpp"
#include "os/event_loop.hpp"
#include "parts/command.hpp"
#include "process.hpp"
#include "wait.hpp"

#include <cstdlib>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <optional>
#include <pthread.h>
#include <signal.h>
#include <sstream>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace {

using jack_server::detail::Command;
using jack_server::detail::CommandNotRun;
using jack_server::detail::Event;
using namespace std::chrono_literals;

// Waits on the loop until the command ended, as the run loop does.
int status_of(Command& command, jack_server::detail::EventLoop& loop) {
    for (;;) {
        if (auto status = command.reap())
            return *status;
        loop.wait(5s);
    }
}

int not_run_status(const std::vector<std::string>& argv) {
    try {
        Command command(argv, "unused");
    } catch (const CommandNotRun& e) {
        return e.status();
    }
    return -1;
}

TEST(Command, StatusIsAShellsExitStatusOr128PlusTheSignal) {
    auto loop = jack_server::detail::make_event_loop({SIGCHLD});
    Command exited({"sh", "-c", "exit 3"}, "unused");
    EXPECT_EQ(status_of(exited, *loop), 3);
    EXPECT_FALSE(exited.running());
    Command killed({"sh", "-c", "kill -KILL $$"}, "unused");
    EXPECT_EQ(status_of(killed, *loop), 128 + SIGKILL);
}

// An extra card's bridge writes to a terminal of the daemon's: given a
// descriptor, the command's stdout and stderr are it.
TEST(Command, WritesItsOutputAndErrorsToTheDescriptorItIsGiven) {
    auto loop = jack_server::detail::make_event_loop({SIGCHLD});
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    Command command({"sh", "-c", "echo out; echo err >&2"}, "unused", false, fds[1]);
    ::close(fds[1]);
    EXPECT_EQ(status_of(command, *loop), 0);
    std::string said;
    char buffer[64];
    for (ssize_t got; (got = ::read(fds[0], buffer, sizeof buffer)) > 0;)
        said.append(buffer, static_cast<std::size_t>(got));
    ::close(fds[0]);
    EXPECT_EQ(said, "out\nerr\n");
}

TEST(Command, SeesTheServersNameInJackDefaultServer) {
    auto loop = jack_server::detail::make_event_loop({SIGCHLD});
    Command command({"sh", "-c", "test \"$JACK_DEFAULT_SERVER\" = studio"}, "studio");
    EXPECT_EQ(status_of(command, *loop), 0);
}

TEST(Command, NotFoundIs127AndNotExecutable126) {
    EXPECT_EQ(not_run_status({"jstest-no-such-command"}), 127);
    EXPECT_EQ(not_run_status({"/nonexistent/dir/command"}), 127);
    EXPECT_EQ(not_run_status({"/dev/null"}), 126);
}

TEST(Command, EndSendsSigtermThenSigkillAfterTheGrace) {
    auto loop = jack_server::detail::make_event_loop({SIGCHLD});
    Command polite({"sleep", "30"}, "unused");
    EXPECT_EQ(polite.end(*loop, 5s), 128 + SIGTERM);
    // It says when it ignores SIGTERM by creating a file.
    auto marker = "/tmp/jstest-command-" + std::to_string(::getpid());
    Command stubborn({"sh", "-c", "trap '' TERM; : >\"$0\"; exec sleep 30", marker}, "unused");
    ASSERT_TRUE(test::wait_until([&] { return ::access(marker.c_str(), F_OK) == 0; }));
    ::unlink(marker.c_str());
    EXPECT_EQ(stubborn.end(*loop, 200ms), 128 + SIGKILL);
}

TEST(Command, ForwardPassesTheSignalOn) {
    auto loop = jack_server::detail::make_event_loop({SIGCHLD});
    Command command({"sleep", "30"}, "unused");
    command.forward(SIGINT);
    EXPECT_EQ(status_of(command, *loop), 128 + SIGINT);
}

// Spawned from a thread that blocks every signal, in a process that ignores
// one (JACK's threads block them; a parent may leave SIGHUP ignored, as nohup
// does), the command still starts with an empty mask and nothing ignored.
TEST(Command, StartsWithNoBlockedOrIgnoredSignalWhateverTheSpawningThreadHas) {
    auto report = test::temporary_path("command-signals");
    struct sigaction ignore {
    }, previous{};
    ignore.sa_handler = SIG_IGN;
    ASSERT_EQ(::sigaction(SIGUSR2, &ignore, &previous), 0);
    std::optional<Command> command;
    std::thread spawner([&] {
        sigset_t all;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, nullptr);
        // exec, not a child of the shell: dash blocks every signal itself
        // while it waits for one.
        command.emplace(std::vector<std::string>{"sh", "-c",
                                                 "exec grep -E '^Sig(Blk|Ign)' /proc/self/status "
                                                 ">\"$0\"",
                                                 report},
                        "unused");
    });
    spawner.join();
    ::sigaction(SIGUSR2, &previous, nullptr);
    ASSERT_TRUE(test::wait_until([&] { return command->reap().has_value(); }));
    EXPECT_EQ(command->reap(), 0);
    std::istringstream lines(test::read_file(report));
    int masks = 0;
    for (std::string line; std::getline(lines, line); ++masks)
        EXPECT_EQ(std::stoull(line.substr(7), nullptr, 16) & test::programs_signals(), 0u) << line;
    EXPECT_EQ(masks, 2);
    ::unlink(report.c_str());
}

#if defined(__linux__)
// The first child of this process's thread tid, 0 while it has none (Linux's
// /proc/PID/task/TID/children).
pid_t child_of(pid_t tid) {
    pid_t child = 0;
    std::ifstream("/proc/self/task/" + std::to_string(tid) + "/children") >> child;
    return child;
}

// PATH set to many folders that do not exist before the real one: execvp
// tries each, so the child spends milliseconds between fork and exec.
class LongPath {
public:
    LongPath() : saved_(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin") {
        std::string path;
        for (int folder = 0; folder < 3000; ++folder)
            path += "/nonexistent/jstest-" + std::to_string(folder) + ":";
        ::setenv("PATH", (path + saved_).c_str(), 1);
    }
    ~LongPath() { ::setenv("PATH", saved_.c_str(), 1); }
    LongPath(const LongPath&) = delete;
    LongPath& operator=(const LongPath&) = delete;

private:
    std::string saved_;
};

class CommandOnLoop : public testing::TestWithParam<test::EventLoopImplementation> {};

// A signal sent to the command before its exec, while the daemon's loop has
// its handlers installed (the POSIX loop's): the command gets it, with its
// default action, and the server never sees it as its own.
TEST_P(CommandOnLoop, ASignalSentBeforeExecReachesTheCommandNotTheServer) {
    auto spawner = static_cast<pid_t>(::syscall(SYS_gettid));
    if (!std::ifstream("/proc/self/task/" + std::to_string(spawner) + "/children"))
        GTEST_SKIP() << "no /proc/self/task/TID/children here (CONFIG_PROC_CHILDREN)";
    auto loop = test::make_daemon_loop(GetParam());
    LongPath long_path;
    for (int round = 0; round < 10; ++round) {
        std::thread sender([spawner] {
            // Polled without a pause: the window is a few milliseconds.
            pid_t child = 0;
            auto until = std::chrono::steady_clock::now() + 5s;
            while ((child = child_of(spawner)) == 0 && std::chrono::steady_clock::now() < until) {
            }
            if (child > 0)
                ::kill(child, SIGUSR1);
        });
        Command command({"sleep", "30"}, "unused");
        sender.join();
        ASSERT_TRUE(test::wait_until([&] { return command.reap().has_value(); }, 5s))
            << "round " << round << ": the command did not get SIGUSR1";
        EXPECT_EQ(command.reap(), 128 + SIGUSR1) << "round " << round;
        EXPECT_NE(loop->wait(0ms).kind, Event::Kind::signal)
            << "round " << round << ": the child's signal reached the server";
    }
}

INSTANTIATE_TEST_SUITE_P(Loops, CommandOnLoop,
                         testing::ValuesIn(test::event_loop_implementations()),
                         test::implementation_name);
#endif

} // namespace
