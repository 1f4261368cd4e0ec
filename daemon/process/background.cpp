// SPDX-License-Identifier: GPL-2.0-or-later
#include "process/background.hpp"

#include "exit_status.hpp"
#include "jack_server/error.hpp"
#include "os/read_all.hpp"
#include "process/notifier.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace jack_server::detail {

namespace {

int thread_count() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("Threads:"))
            return std::stoi(line.substr(8));
    return 1; // no procfs: nothing to check against
}

int child_status(pid_t child) {
    int status = 0;
    while (::waitpid(child, &status, 0) < 0)
        if (errno != EINTR)
            return exit_software;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

void to_dev_null(int fd) {
    int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null >= 0) {
        ::dup2(null, fd);
        ::close(null);
    }
}

} // namespace

Forked fork_background() {
    if (auto threads = thread_count(); threads > 1)
        throw Error(fmt::format("cannot go to the background: {} threads already run", threads));
    int pipe_fds[2], go_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0 || ::pipe2(go_fds, O_CLOEXEC) != 0)
        throw Error(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
    std::fflush(nullptr);
    pid_t child = ::fork();
    if (child < 0)
        throw Error(fmt::format("cannot fork: {}", std::strerror(errno)));
    if (child == 0) {
        ::close(pipe_fds[0]);
        ::close(go_fds[1]);
        // Speak to systemd only once it knows this process as the main one.
        read_all(go_fds[0]);
        ::close(go_fds[0]);
        ::setsid();
        to_dev_null(STDIN_FILENO);
        to_dev_null(STDOUT_FILENO);
        return Forked{std::nullopt, pipe_fds[1]};
    }
    ::close(pipe_fds[1]);
    ::close(go_fds[0]);
    notify(fmt::format("MAINPID={}", child));
    ::close(go_fds[1]);
    auto report = read_all(pipe_fds[0]);
    ::close(pipe_fds[0]);
    if (report.empty() || report.back() != '\n')
        return Forked{child_status(child), -1};
    report.pop_back();
    std::printf("%s\n", report.c_str());
    std::fflush(stdout);
    return Forked{exit_ok, -1};
}

} // namespace jack_server::detail
