// SPDX-License-Identifier: GPL-2.0-or-later
// Command: the child process of `-- COMMAND`, its status as a shell reports
// it, and its end when the server stops under it.

#include "command.hpp"
#include "os/event_loop.hpp"
#include "wait.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
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

} // namespace
