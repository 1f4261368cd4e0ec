// SPDX-License-Identifier: GPL-2.0-or-later
#include "os/signal_fd.hpp"

#include <cerrno>
#include <fcntl.h>
#include <pthread.h>
#include <sys/signalfd.h>
#include <system_error>
#include <unistd.h>

namespace jack_server::detail {

SignalFd::SignalFd(std::initializer_list<int> signals) {
    sigset_t mask;
    sigemptyset(&mask);
    for (int number : signals)
        sigaddset(&mask, number);
    if (int error = pthread_sigmask(SIG_BLOCK, &mask, &previous_); error != 0)
        throw std::system_error(error, std::generic_category(), "pthread_sigmask");
    fd_ = signalfd(-1, &mask, SFD_CLOEXEC);
    if (fd_ < 0) {
        int error = errno;
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
        throw std::system_error(error, std::generic_category(), "signalfd");
    }
}

SignalFd::~SignalFd() {
    // Signals that arrived after the last wait() (a second SIGTERM while the
    // server was stopping) were meant for this watcher: consume them, or
    // restoring the mask would deliver them and kill a process that already
    // stopped cleanly.
    if (int flags = fcntl(fd_, F_GETFL);
        flags >= 0 && fcntl(fd_, F_SETFL, flags | O_NONBLOCK) == 0) {
        signalfd_siginfo info{};
        while (read(fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
        }
    }
    close(fd_);
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

ReceivedSignal SignalFd::wait() {
    signalfd_siginfo info{};
    for (;;) {
        auto got = read(fd_, &info, sizeof info);
        if (got == static_cast<ssize_t>(sizeof info))
            return {static_cast<int>(info.ssi_signo), static_cast<pid_t>(info.ssi_pid)};
        if (got < 0 && errno != EINTR)
            throw std::system_error(errno, std::generic_category(), "reading the signalfd");
    }
}

} // namespace jack_server::detail
