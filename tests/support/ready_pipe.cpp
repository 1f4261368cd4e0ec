// SPDX-License-Identifier: GPL-2.0-or-later
#include "ready_pipe.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <unistd.h>

namespace test {

namespace {

void close_fd(int& fd) {
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

} // namespace

ReadyPipe::ReadyPipe(int as) : as_(as) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
    read_ = fds[0];
    // Above any number a child is given, so that the child's dup2 makes a
    // copy (without close-on-exec) rather than keep this one.
    write_ = ::fcntl(fds[1], F_DUPFD_CLOEXEC, 10);
    ::close(fds[1]);
    if (write_ < 0) {
        close_fd(read_);
        throw std::runtime_error(std::string("cannot move a pipe: ") + std::strerror(errno));
    }
}

ReadyPipe::~ReadyPipe() {
    close_fd(read_);
    close_fd(write_);
}

void ReadyPipe::close_write_end() {
    close_fd(write_);
}

bool ReadyPipe::wait(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!ready_ && !closed_) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd fd{read_, POLLIN, 0};
        int polled = ::poll(&fd, 1, static_cast<int>(std::max(left.count(), 0L)));
        if (polled < 0 && errno == EINTR)
            continue;
        if (polled <= 0)
            return false;
        char buffer[256];
        auto got = ::read(read_, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            closed_ = true;
        else
            got_.append(buffer, static_cast<std::size_t>(got));
        ready_ = got_.find("READY=1\n") != std::string::npos;
    }
    return ready_;
}

} // namespace test
