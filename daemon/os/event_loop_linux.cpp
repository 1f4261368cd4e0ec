// SPDX-License-Identifier: GPL-2.0-or-later
// The Linux event loop: signals from a signalfd, ticks from a timerfd and
// wake-ups through an eventfd, all in one poll().

#include "os/event_loop.hpp"
#include "os/poll_timeout.hpp"
#include "os/signal_fd.hpp"
#include "os/timer_fd.hpp"

#include <algorithm>
#include <cerrno>
#include <poll.h>
#include <sys/eventfd.h>
#include <system_error>
#include <unistd.h>

namespace jack_server::detail {

namespace {

using Clock = std::chrono::steady_clock;

class LinuxEventLoop final : public EventLoop {
public:
    explicit LinuxEventLoop(std::initializer_list<int> signals) : signals_(signals) {
        wakes_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (wakes_ < 0)
            throw std::system_error(errno, std::system_category(), "eventfd");
    }
    ~LinuxEventLoop() override { ::close(wakes_); }
    LinuxEventLoop(const LinuxEventLoop&) = delete;
    LinuxEventLoop& operator=(const LinuxEventLoop&) = delete;

    void start_ticks(std::chrono::milliseconds interval) override {
        timer_.reset();
        timer_.emplace(std::max(interval, std::chrono::milliseconds(1)));
    }

    void wake() noexcept override { ::eventfd_write(wakes_, 1); }

    Event wait(std::optional<std::chrono::milliseconds> limit) override {
        std::optional<Clock::time_point> until;
        if (limit)
            until = Clock::now() + *limit;
        for (;;) {
            // poll() skips a negative descriptor: no timer, no ticks.
            pollfd fds[] = {{signals_.fd(), POLLIN, 0},
                            {wakes_, POLLIN, 0},
                            {timer_ ? timer_->fd() : -1, POLLIN, 0}};
            int ready = ::poll(fds, std::size(fds), poll_timeout(until));
            if (ready < 0) {
                if (errno == EINTR)
                    continue;
                throw std::system_error(errno, std::system_category(), "poll");
            }
            if (fds[0].revents & POLLIN)
                return {Event::Kind::signal, signals_.wait()};
            if (fds[1].revents & POLLIN) {
                eventfd_t count = 0;
                ::eventfd_read(wakes_, &count);
                return {Event::Kind::wake};
            }
            if (fds[2].revents & POLLIN) {
                timer_->read();
                return {Event::Kind::tick};
            }
            if (until && Clock::now() >= *until)
                return {Event::Kind::timeout};
        }
    }

    const char* name() const noexcept override { return "Linux: signalfd, timerfd, eventfd"; }

private:
    SignalFd signals_;
    int wakes_ = -1;
    std::optional<TimerFd> timer_;
};

} // namespace

std::unique_ptr<EventLoop> make_linux_event_loop(std::initializer_list<int> signals) {
    return std::make_unique<LinuxEventLoop>(signals);
}

} // namespace jack_server::detail
