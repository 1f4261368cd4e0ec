// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/types.h>
#include <vector>

namespace jack_server::detail {

class EventLoop;

// COMMAND could not be executed; status is what a shell reports for it: 127
// when it was not found, 126 when it was found but could not run.
class CommandNotRun : public std::runtime_error {
public:
    CommandNotRun(const std::string& what, int status)
        : std::runtime_error(what), status_(status) {}
    int status() const noexcept { return status_; }

private:
    int status_;
};

// The COMMAND of `jack-server ... -- COMMAND [ARGS...]`: a child process that
// runs while the server does. Its ending is an event of the run loop: SIGCHLD
// through the event loop's signals, then reap().
class Command {
public:
    // Starts argv (argv[0] looked up on PATH as execvp does) with
    // JACK_DEFAULT_SERVER set to server_name, stdin, stdout, stderr and the
    // descriptors jack-server was given (remember_inherited_descriptors)
    // inherited, no signal blocked and
    // SIGPIPE at its default action (the daemon's mask and SIGPIPE are its own).
    // With dies_with_us (Linux), the kernel kills it (SIGKILL) when this
    // process ends without ending it, even by SIGKILL.
    // With an output descriptor, its stdout and stderr are that instead.
    // Throws CommandNotRun, std::system_error.
    Command(const std::vector<std::string>& argv, const std::string& server_name,
            bool dies_with_us = false, int output = -1);
    // A command still running (an exception unwinding) is killed and reaped.
    ~Command();
    Command(const Command&) = delete;
    Command& operator=(const Command&) = delete;

    const std::string& name() const noexcept { return name_; }
    pid_t pid() const noexcept { return pid_; }
    bool running() const noexcept { return !status_; }

    // Passes a signal on; nothing when the command has ended.
    void forward(int signal) noexcept;
    // Collects the command when it has ended (call on SIGCHLD): its status as
    // a shell reports it, the exit status or 128 + the signal that killed it.
    // std::nullopt while it runs.
    std::optional<int> reap();
    // Ends a command still running: SIGTERM, and SIGKILL when it is still
    // there after grace. Waits on loop for SIGCHLD meanwhile (other events
    // are dropped). Returns its status.
    int end(EventLoop& loop, std::chrono::milliseconds grace);

private:
    std::string name_;
    pid_t pid_ = -1;
    std::optional<int> status_;
};

// Notes the descriptors this process was started with, past stdin, stdout
// and stderr (open and not close-on-exec): a Command inherits those and no
// other, never libjackserver's sockets. Call it first thing in main(), before
// anything opens one; without it a command gets only descriptors 0 to 2.
void remember_inherited_descriptors();

} // namespace jack_server::detail
