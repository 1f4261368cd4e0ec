// SPDX-License-Identifier: GPL-2.0-or-later
#include "parts/child_probe.hpp"

#include <cerrno>
#include <fcntl.h>
#include <mutex>
#include <signal.h>
#include <sys/wait.h>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <vector>

#if defined(__linux__)
#include <sys/prctl.h>
#endif

namespace jack_server::detail {

namespace {

// Children killed past their deadline and not reaped yet: one stuck in the
// kernel (a wedged device) ends only once its call returns, and no caller
// may wait for that.
std::mutex abandoned_mutex;
std::vector<pid_t> abandoned;

void reap_abandoned() {
    std::lock_guard lock(abandoned_mutex);
    std::erase_if(abandoned, [](pid_t pid) {
        int status = 0;
        return ::waitpid(pid, &status, WNOHANG) != 0;
    });
}

} // namespace

ChildProbe::ChildProbe(const std::function<int()>& job, std::chrono::milliseconds deadline)
    : deadline_(Clock::now() + deadline) {
    reap_abandoned();
    int fds[2];
    if (::pipe(fds) != 0)
        throw std::system_error(errno, std::system_category(), "pipe");
    ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) {
        int error = errno;
        ::close(fds[0]);
        ::close(fds[1]);
        throw std::system_error(error, std::system_category(), "fork");
    }
    if (pid_ == 0) {
#if defined(__linux__)
        if (::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 || ::getppid() != parent)
            ::_exit(1);
#else
        (void)parent;
#endif
        int result = job();
        ::_exit(::write(fds[1], &result, sizeof result) == sizeof result ? 0 : 1);
    }
    ::close(fds[1]);
    result_fd_ = fds[0];
}

ChildProbe::~ChildProbe() {
    if (!result_)
        kill_child();
    ::close(result_fd_);
}

void ChildProbe::kill_child() noexcept {
    ::kill(pid_, SIGKILL);
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == 0) {
        std::lock_guard lock(abandoned_mutex);
        abandoned.push_back(pid_);
    }
}

std::optional<int> ChildProbe::result(Clock::time_point now) {
    if (result_)
        return result_;
    int status = 0;
    pid_t got;
    while ((got = ::waitpid(pid_, &status, WNOHANG)) < 0 && errno == EINTR) {
    }
    if (got == pid_) {
        int sent = -1;
        bool ended_well = WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
                          ::read(result_fd_, &sent, sizeof sent) == sizeof sent;
        result_ = ended_well && sent >= 0 ? sent : -1;
    } else if (got < 0)
        result_ = -1;
    else if (now >= deadline_) {
        kill_child();
        result_ = -1;
    }
    return result_;
}

int ChildProbe::wait() {
    using namespace std::chrono_literals;
    // A probe takes milliseconds; polled, as no descriptor tells of a
    // child's end here without taking SIGCHLD from the run loop.
    while (!result(Clock::now()))
        std::this_thread::sleep_for(5ms);
    return *result_;
}

} // namespace jack_server::detail
