// SPDX-License-Identifier: GPL-2.0-or-later
// Command: the child process of `-- COMMAND`, its status as a shell reports
// it, and its end when the server stops under it.

#include "command.hpp"
#include "files.hpp"
#include "os/event_loop.hpp"
#include "process.hpp"
#include "wait.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <optional>
#include <pthread.h>
#include <signal.h>
#include <sstream>
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
    Command stubborn({"sh", "-c", "trap '' TERM; : >\"$0\"; sleep 30", marker}, "unused");
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

} // namespace
