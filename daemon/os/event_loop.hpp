// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>
#include <initializer_list>
#include <memory>
#include <optional>
#include <signal.h>

namespace jack_server::detail {

struct ReceivedSignal {
    int number;
    pid_t sender; // 0 when the kernel sent it (a terminal's Ctrl-C) or it is unknown
};

// What ended an EventLoop::wait().
struct Event {
    enum class Kind {
        signal,  // one of the loop's signals arrived: see `signal`
        wake,    // wake() was called since the last wait
        tick,    // the periodic tick came due
        timeout, // the wait's own limit passed first
    };
    Kind kind;
    ReceivedSignal signal{};
};

// The daemon's OS facilities behind one blocking wait: its signals, a periodic
// tick and wake-ups from other threads (the monitor client's JACK threads).
//
// From its construction until its destruction the loop's signals reach the
// process only through wait(): they are blocked in the constructing thread, so
// every thread started afterwards (libjackserver's among them) inherits the
// block and none of them is ever interrupted or killed by one. Make the loop
// before starting any thread, in the thread that will call wait(). When
// destroyed, signals that arrived after the last wait (a second SIGTERM while
// the server stopped) are discarded, not delivered, and the previous signal
// mask and handlers are restored.
//
// Two implementations: Linux (signalfd, timerfd, eventfd) and POSIX (a
// self-pipe written by signal handlers, poll() and std::chrono::steady_clock),
// for macOS and the BSDs. The build picks one for the jack-server binary
// (JACK_SERVER_EVENT_LOOP, see make_event_loop).
class EventLoop {
public:
    virtual ~EventLoop() = default;

    // Ticks every interval from now on, replacing an earlier interval. Ticks
    // missed while nobody waited are reported once. Throws std::system_error.
    virtual void start_ticks(std::chrono::milliseconds interval) = 0;
    // Makes a wait() return Kind::wake: now, or the next one. Any thread may
    // call it; it never blocks. Several wakes before a wait count as one.
    virtual void wake() noexcept = 0;
    // Waits for the next event; with a limit, Kind::timeout once it passed.
    // When several are ready, a signal comes first, then a wake, then a tick;
    // the others stay ready for the next call. Throws std::system_error.
    virtual Event wait(std::optional<std::chrono::milliseconds> limit = std::nullopt) = 0;
    // What it is built on, for the debug log: "signalfd, timerfd, eventfd".
    virtual const char* name() const noexcept = 0;
};

#if defined(__linux__)
// Throws std::system_error.
std::unique_ptr<EventLoop> make_linux_event_loop(std::initializer_list<int> signals);
#endif
// Only one may exist at a time: signal handlers are process-wide. Throws
// std::system_error (also when another one exists).
std::unique_ptr<EventLoop> make_posix_event_loop(std::initializer_list<int> signals);

// The implementation this binary was built with (default_event_loop.cpp).
std::unique_ptr<EventLoop> make_event_loop(std::initializer_list<int> signals);

} // namespace jack_server::detail
