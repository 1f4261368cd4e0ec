// SPDX-License-Identifier: GPL-2.0-or-later
#include "dbus/bus_watch.hpp"

#include "os/event_loop.hpp"

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace jack_server::detail {

BusWatch::BusWatch(int bus_fd, EventLoop& loop)
    : bus_fd_(bus_fd), loop_(loop), thread_([this] { run(); }) {}

BusWatch::~BusWatch() {
    char byte = 0;
    while (::write(quit_.write_end(), &byte, 1) < 0 && errno == EINTR) {
    }
    thread_.join();
}

void BusWatch::rearm() noexcept {
    char byte = 0;
    while (::write(rearm_.write_end(), &byte, 1) < 0 && errno == EINTR) {
    }
}

void BusWatch::run() noexcept {
    bool armed = true;
    for (;;) {
        pollfd fds[] = {{quit_.read_end(), POLLIN, 0},
                        {rearm_.read_end(), POLLIN, 0},
                        {armed ? bus_fd_ : -1, POLLIN, 0}};
        if (::poll(fds, 3, -1) < 0)
            continue; // EINTR
        if (fds[0].revents != 0)
            return;
        if (fds[1].revents != 0) {
            rearm_.drain();
            armed = true;
        }
        // A hung-up bus wakes the loop too: processing it reports the loss.
        if (armed && fds[2].revents != 0) {
            armed = false;
            loop_.wake();
        }
    }
}

} // namespace jack_server::detail
