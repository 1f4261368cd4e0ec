// SPDX-License-Identifier: GPL-2.0-or-later
#include "os/signal_pipe.hpp"

#include <atomic>
#include <cerrno>
#include <pthread.h>
#include <system_error>
#include <unistd.h>

namespace jack_server::detail {

namespace {

// What a handler writes: far below PIPE_BUF, so each write is atomic and the
// reader always gets whole records.
struct Record {
    int number;
    pid_t sender;
};

// The pipe the handlers write to; -1 when no SignalPipe exists. A lock-free
// atomic, which a handler may read.
std::atomic<int> handler_fd{-1};
static_assert(std::atomic<int>::is_always_lock_free);

void on_signal(int number, siginfo_t* info, void*) {
    int saved_errno = errno;
    Record record{number, 0};
    if (info != nullptr && (info->si_code == SI_USER || info->si_code == SI_QUEUE))
        record.sender = info->si_pid;
    // The pipe does not block: were it full (thousands of unread signals),
    // this one would be dropped rather than hang the thread.
    [[maybe_unused]] auto written = ::write(handler_fd.load(), &record, sizeof record);
    errno = saved_errno;
}

} // namespace

SignalPipe::SignalPipe(std::initializer_list<int> signals) {
    sigemptyset(&mask_);
    for (int number : signals)
        sigaddset(&mask_, number);
    int expected = -1;
    if (!handler_fd.compare_exchange_strong(expected, pipe_.write_end()))
        throw std::system_error(EBUSY, std::generic_category(),
                                "another signal pipe already handles the signals");
    if (int error = pthread_sigmask(SIG_BLOCK, &mask_, &previous_mask_); error != 0) {
        handler_fd.store(-1);
        throw std::system_error(error, std::generic_category(), "pthread_sigmask");
    }
    struct sigaction action {};
    action.sa_sigaction = &on_signal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    action.sa_mask = mask_;
    for (int number : signals) {
        struct sigaction previous {};
        if (::sigaction(number, &action, &previous) != 0) {
            int error = errno;
            for (auto& [restored, old] : previous_actions_)
                ::sigaction(restored, &old, nullptr);
            pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
            handler_fd.store(-1);
            throw std::system_error(error, std::generic_category(), "sigaction");
        }
        previous_actions_.emplace_back(number, previous);
    }
}

SignalPipe::~SignalPipe() {
    // Still blocked here: ignoring a signal discards it when pending, so
    // restoring the previous (default) action and mask delivers nothing.
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    for (auto& [number, previous] : previous_actions_) {
        ::sigaction(number, &ignore, nullptr);
        ::sigaction(number, &previous, nullptr);
    }
    handler_fd.store(-1);
    pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
}

std::optional<ReceivedSignal> SignalPipe::read() {
    Record record{};
    for (;;) {
        auto got = ::read(pipe_.read_end(), &record, sizeof record);
        if (got == static_cast<ssize_t>(sizeof record))
            return ReceivedSignal{record.number, record.sender};
        if (got < 0 && errno == EINTR)
            continue;
        return std::nullopt;
    }
}

SignalPipe::Unblocked::Unblocked(const SignalPipe& signals) : signals_(signals) {
    pthread_sigmask(SIG_UNBLOCK, &signals_.mask_, nullptr);
}

SignalPipe::Unblocked::~Unblocked() {
    pthread_sigmask(SIG_BLOCK, &signals_.mask_, nullptr);
}

} // namespace jack_server::detail
