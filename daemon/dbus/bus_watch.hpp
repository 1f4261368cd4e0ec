// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "os/pipe.hpp"

#include <thread>

namespace jack_server::detail {

class EventLoop;

// Wakes the event loop when the session bus has something to read, so that
// the main thread, which owns the bus connection (sd-bus is not thread-safe),
// dispatches it between the loop's other events. The watch only polls the
// descriptor: after each wake it waits for rearm(), called once the main
// thread has processed everything the bus had, so it never spins on data
// that is still unread.
class BusWatch {
public:
    // Throws std::system_error.
    BusWatch(int bus_fd, EventLoop& loop);
    ~BusWatch();
    BusWatch(const BusWatch&) = delete;
    BusWatch& operator=(const BusWatch&) = delete;

    // The bus was processed: watch its descriptor again.
    void rearm() noexcept;

private:
    void run() noexcept;

    int bus_fd_;
    EventLoop& loop_;
    Pipe rearm_, quit_;
    std::thread thread_;
};

} // namespace jack_server::detail
