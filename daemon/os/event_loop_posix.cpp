// SPDX-License-Identifier: GPL-2.0-or-later
// The POSIX event loop, for systems without signalfd, timerfd and eventfd
// (macOS, the BSDs): signals through a self-pipe (SignalPipe says how JACK's
// threads are kept out of them), wake-ups through a second pipe, and ticks
// from std::chrono::steady_clock, a monotonic clock, as poll()'s timeout.

#include "os/event_loop.hpp"
#include "os/pipe.hpp"
#include "os/poll_timeout.hpp"
#include "os/signal_pipe.hpp"

#include <algorithm>
#include <cerrno>
#include <poll.h>
#include <system_error>
#include <unistd.h>

namespace jack_server::detail {

namespace {

using Clock = std::chrono::steady_clock;

class PosixEventLoop final : public EventLoop {
public:
    explicit PosixEventLoop(std::initializer_list<int> signals) : signals_(signals) {}

    void start_ticks(std::chrono::milliseconds interval) override {
        interval_ = std::max(interval, std::chrono::milliseconds(1));
        next_tick_ = Clock::now() + *interval_;
    }

    void wake() noexcept override {
        // A full pipe is readable already: the wake is not lost.
        char byte = 1;
        [[maybe_unused]] auto written = ::write(wakes_.write_end(), &byte, 1);
    }

    Event wait(std::optional<std::chrono::milliseconds> limit) override {
        std::optional<Clock::time_point> until;
        if (limit)
            until = Clock::now() + *limit;
        for (;;) {
            auto next = until;
            if (interval_ && (!next || next_tick_ < *next))
                next = next_tick_;
            pollfd fds[] = {{signals_.fd(), POLLIN, 0}, {wakes_.read_end(), POLLIN, 0}};
            int ready;
            {
                SignalPipe::Unblocked unblocked(signals_);
                ready = ::poll(fds, std::size(fds), poll_timeout(next));
            }
            if (ready < 0 && errno != EINTR)
                throw std::system_error(errno, std::system_category(), "poll");
            // Read the pipe even after EINTR: the handler that interrupted
            // poll() wrote to it.
            if (auto signal = signals_.read())
                return {Event::Kind::signal, *signal};
            if (ready > 0 && (fds[1].revents & POLLIN)) {
                wakes_.drain();
                return {Event::Kind::wake};
            }
            auto now = Clock::now();
            if (interval_ && now >= next_tick_) {
                // Ticks missed meanwhile are one tick, as a timerfd's are.
                next_tick_ += (now - next_tick_) / *interval_ * *interval_ + *interval_;
                return {Event::Kind::tick};
            }
            if (until && now >= *until)
                return {Event::Kind::timeout};
        }
    }

    const char* name() const noexcept override { return "POSIX: self-pipe, poll, steady_clock"; }

private:
    SignalPipe signals_;
    Pipe wakes_;
    std::optional<std::chrono::milliseconds> interval_;
    Clock::time_point next_tick_;
};

} // namespace

std::unique_ptr<EventLoop> make_posix_event_loop(std::initializer_list<int> signals) {
    return std::make_unique<PosixEventLoop>(signals);
}

} // namespace jack_server::detail
