// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>
#include <cstdint>

namespace jack_server::detail {

// A periodic timerfd for poll(): the daemon's health checks, watchdog pings
// and STATUS= updates run on its ticks.
class TimerFd {
public:
    // Throws std::system_error.
    explicit TimerFd(std::chrono::milliseconds interval);
    ~TimerFd();
    TimerFd(const TimerFd&) = delete;
    TimerFd& operator=(const TimerFd&) = delete;

    int fd() const { return fd_; }
    // Consumes the pending expirations; returns how many.
    std::uint64_t read();

private:
    int fd_ = -1;
};

} // namespace jack_server::detail
