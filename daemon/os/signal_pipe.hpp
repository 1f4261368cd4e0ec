// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "os/event_loop.hpp"
#include "os/pipe.hpp"

#include <initializer_list>
#include <optional>
#include <signal.h>
#include <vector>

namespace jack_server::detail {

// POSIX: the given signals through a self-pipe, where there is no signalfd.
//
// Two properties of the Linux SignalFd must hold here too: no thread but the
// waiting one ever takes these signals (libjackserver's threads must never
// run a handler or die of SIGINT), and the sender's pid comes with each signal.
// So:
//  - the constructor blocks the signals in the calling thread, before any
//    other thread exists: every thread started later (JACK's) inherits the
//    block and keeps it. Only the waiting thread lifts it, only around its
//    poll() (an Unblocked scope): a pending or arriving signal is then
//    delivered to that thread alone, the one thread that can take it. A signal
//    that arrives between the unblock and poll() is not lost: its handler has
//    already written to the pipe, so poll() returns at once;
//  - the handlers (SA_SIGINFO) only write the signal number and si_pid (for a
//    signal that kill() or sigqueue() sent; 0 otherwise, as signalfd reports)
//    to the pipe, a write of a few bytes that is async-signal-safe and atomic.
//    Should a JACK thread ever unblock the signals itself, a handler run there
//    still only writes to the pipe, and the waiting thread acts on it.
// Outside the waits the signals stay pending, as with signalfd. When
// destroyed, pending ones are discarded (set to SIG_IGN, which POSIX says
// drops a pending signal), then the previous handlers and mask come back.
// Handlers are process-wide: only one SignalPipe may exist at a time.
class SignalPipe {
public:
    // Throws std::system_error, also when another SignalPipe exists.
    explicit SignalPipe(std::initializer_list<int> signals);
    ~SignalPipe();
    SignalPipe(const SignalPipe&) = delete;
    SignalPipe& operator=(const SignalPipe&) = delete;

    // Readable when a signal arrived, for poll().
    int fd() const { return pipe_.read_end(); }
    // The next signal that arrived, if any; never blocks.
    std::optional<ReceivedSignal> read();

    // The signals unblocked in this thread while it exists: around poll().
    class Unblocked {
    public:
        explicit Unblocked(const SignalPipe& signals);
        ~Unblocked();
        Unblocked(const Unblocked&) = delete;
        Unblocked& operator=(const Unblocked&) = delete;

    private:
        const SignalPipe& signals_;
    };

private:
    Pipe pipe_;
    sigset_t mask_{}, previous_mask_{};
    std::vector<std::pair<int, struct sigaction>> previous_actions_;
};

} // namespace jack_server::detail
