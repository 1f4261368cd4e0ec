// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "os/event_loop.hpp"

#include <initializer_list>
#include <signal.h>

namespace jack_server::detail {

// Linux: blocks the given signals in this thread, and so in every thread started after
// it (libjackserver's among them), and reads them from a signalfd. When
// destroyed, discards those still pending and restores the previous mask.
class SignalFd {
public:
    explicit SignalFd(std::initializer_list<int> signals);
    ~SignalFd();
    SignalFd(const SignalFd&) = delete;
    SignalFd& operator=(const SignalFd&) = delete;

    // Waits for the next signal. Throws std::system_error.
    ReceivedSignal wait();
    // A descriptor that is readable when a signal is pending, for poll().
    int fd() const { return fd_; }

private:
    sigset_t previous_{};
    int fd_ = -1;
};

} // namespace jack_server::detail
