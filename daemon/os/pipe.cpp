// SPDX-License-Identifier: GPL-2.0-or-later
#include "os/pipe.hpp"

#include <cerrno>
#include <fcntl.h>
#include <system_error>
#include <unistd.h>

namespace jack_server::detail {

// pipe() and fcntl(), not pipe2(): macOS has no pipe2.
Pipe::Pipe() {
    if (::pipe(fds_) != 0)
        throw std::system_error(errno, std::system_category(), "pipe");
    for (int fd : fds_) {
        int flags = ::fcntl(fd, F_GETFL);
        if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0 ||
            ::fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) {
            int error = errno;
            ::close(fds_[0]);
            ::close(fds_[1]);
            throw std::system_error(error, std::system_category(), "fcntl on a pipe");
        }
    }
}

Pipe::~Pipe() {
    ::close(fds_[0]);
    ::close(fds_[1]);
}

void Pipe::drain() noexcept {
    char buffer[64];
    while (::read(fds_[0], buffer, sizeof buffer) > 0) {
    }
}

} // namespace jack_server::detail
