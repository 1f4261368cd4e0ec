// SPDX-License-Identifier: GPL-2.0-or-later
#include "os/timer_fd.hpp"

#include <cerrno>
#include <sys/timerfd.h>
#include <system_error>
#include <unistd.h>

namespace jack_server::detail {

TimerFd::TimerFd(std::chrono::milliseconds interval) {
    fd_ = ::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    if (fd_ < 0)
        throw std::system_error(errno, std::system_category(), "timerfd_create");
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(interval);
    auto nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(interval - seconds);
    timespec every{static_cast<time_t>(seconds.count()), static_cast<long>(nanoseconds.count())};
    itimerspec spec{every, every};
    if (::timerfd_settime(fd_, 0, &spec, nullptr) != 0) {
        auto error = errno;
        ::close(fd_);
        throw std::system_error(error, std::system_category(), "timerfd_settime");
    }
}

TimerFd::~TimerFd() {
    ::close(fd_);
}

std::uint64_t TimerFd::read() {
    std::uint64_t expirations = 0;
    if (::read(fd_, &expirations, sizeof expirations) != sizeof expirations)
        return 0;
    return expirations;
}

} // namespace jack_server::detail
