// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <sys/types.h>

namespace jack_server::detail {

// A probe of a device that may block for as long as the device does (an
// ALSA open or configuration can wait on a wedged card, or on a FIFO nobody
// reads), run in a child process so that it can never block the engine nor
// the run loop: the loop asks for its result without waiting, and a probe
// still running past its deadline is killed and counts as failed.
//
// The child is forked, not executed: it runs job (a few library calls) and
// ends with _exit, touching nothing of the daemon's (glibc makes malloc and
// the dynamic loader usable in a fork's child; no logging, no JACK call).
// It inherits the daemon's blocked signals, so only SIGKILL ends it; it is
// killed too when the daemon dies (Linux). The parent keeps everything.
class ChildProbe {
public:
    using Clock = std::chrono::steady_clock;

    // Starts job in a child, which sends its result (not negative) back
    // through a pipe. Throws std::system_error when pipe or fork fails.
    ChildProbe(const std::function<int()>& job, std::chrono::milliseconds deadline);
    // A child still running is killed, and reaped later (abandoned()).
    ~ChildProbe();
    ChildProbe(const ChildProbe&) = delete;
    ChildProbe& operator=(const ChildProbe&) = delete;

    // The job's result once the child ended; -1 when the deadline passed
    // first (the child is then killed); std::nullopt while it runs. Never
    // waits.
    std::optional<int> result(Clock::time_point now);
    // Waits up to the deadline for the result (-1 past it). For callers that
    // may wait: the run loop at a reload, which blocks anyway.
    int wait();

private:
    void kill_child() noexcept;

    pid_t pid_ = -1;
    int result_fd_ = -1; // the pipe's read end
    Clock::time_point deadline_;
    std::optional<int> result_;
};

} // namespace jack_server::detail
