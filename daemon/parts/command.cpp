// SPDX-License-Identifier: GPL-2.0-or-later
#include "parts/command.hpp"

#include "os/event_loop.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <limits>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>

#if defined(__linux__)
#include <sys/prctl.h>
#endif

extern char** environ;

namespace jack_server::detail {

namespace {

using Clock = std::chrono::steady_clock;

// remember_inherited_descriptors(): sorted.
std::vector<int> inherited_descriptors;

// The first descriptor a command must not get past its inherited ones, when
// close_range() cannot mark them all at once.
int descriptor_limit() {
    long limit = ::sysconf(_SC_OPEN_MAX);
    return limit < 0 || limit > 65536 ? 65536 : static_cast<int>(limit);
}

bool passed_on(int fd) {
    int flags = ::fcntl(fd, F_GETFD);
    return flags >= 0 && !(flags & FD_CLOEXEC);
}

// Between fork and exec: marks close-on-exec every descriptor from 3 on that
// is not one of inherited (sorted).
void close_on_exec_all_but(const std::vector<int>& inherited, int limit) {
    int from = 3;
    auto mark = [limit](int first, int last) {
#if defined(CLOSE_RANGE_CLOEXEC)
        if (::close_range(static_cast<unsigned>(first), static_cast<unsigned>(last),
                          CLOSE_RANGE_CLOEXEC) == 0)
            return;
#endif
        for (int fd = first; fd <= std::min(last, limit); ++fd)
            ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    };
    for (int fd : inherited) {
        if (fd > from)
            mark(from, fd - 1);
        from = fd + 1;
    }
    mark(from, std::numeric_limits<int>::max());
}

// As a shell reports a child's end.
int shell_status(int wait_status) {
    if (WIFSIGNALED(wait_status))
        return 128 + WTERMSIG(wait_status);
    return WEXITSTATUS(wait_status);
}

// This process's environment with JACK_DEFAULT_SERVER replaced: built before
// the fork, since the child may only do what is async-signal-safe.
std::vector<std::string> environment_for(const std::string& server_name) {
    std::vector<std::string> entries;
    for (char** entry = environ; *entry != nullptr; ++entry)
        if (!std::string_view(*entry).starts_with("JACK_DEFAULT_SERVER="))
            entries.emplace_back(*entry);
    entries.push_back("JACK_DEFAULT_SERVER=" + server_name);
    return entries;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    for (auto& text : strings)
        pointers.push_back(text.data());
    pointers.push_back(nullptr);
    return pointers;
}

// A pipe closed on exec: the child reports through it why exec failed.
struct ExecReport {
    int fds[2] = {-1, -1};
    ExecReport() {
        if (::pipe(fds) != 0)
            throw std::system_error(errno, std::system_category(), "pipe");
        ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
        ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    }
    ~ExecReport() {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    }
    void close_write_end() {
        ::close(fds[1]);
        fds[1] = -1;
    }
    // The errno the child sent, or 0 once exec succeeded (the pipe closed).
    int read_error() const {
        int error = 0;
        for (;;) {
            auto got = ::read(fds[0], &error, sizeof error);
            if (got == static_cast<ssize_t>(sizeof error))
                return error;
            if (got < 0 && errno == EINTR)
                continue;
            return 0;
        }
    }
};

// Between fork and exec: only async-signal-safe calls. parent: jack-server's
// pid when the child must die with it, otherwise 0. output: its stdout and
// stderr, or -1 for jack-server's.
[[noreturn]] void exec_child(char** argv, char** envp, int report_fd, int limit, pid_t parent,
                             int output) {
#if defined(__linux__)
    // Checked after: jack-server may have died before the request.
    if (parent != 0 && (::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 || ::getppid() != parent))
        ::_exit(126);
#else
    (void)parent;
#endif
    if (output >= 0 && (::dup2(output, STDOUT_FILENO) < 0 || ::dup2(output, STDERR_FILENO) < 0))
        ::_exit(126);
    close_on_exec_all_but(inherited_descriptors, limit);
    // Every signal is blocked here (Command blocks them all around the fork).
    // The default dispositions come first, the empty mask after: unblocked
    // while the daemon's handlers were still installed, a signal sent to the
    // new pid (a SIGTERM forwarded at once) would run the POSIX loop's handler
    // in this child, which writes it to jack-server's own signal pipe, and the
    // command would never get it. exec resets caught signals but keeps the
    // ignored ones (SIGPIPE).
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    for (int number = 1; number < NSIG; ++number) {
        struct sigaction current {};
        // SIGKILL, SIGSTOP and the C library's own signals refuse (EINVAL).
        if (::sigaction(number, nullptr, &current) == 0 && current.sa_handler != SIG_DFL)
            ::sigaction(number, &default_action, nullptr);
    }
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    environ = envp;
    ::execvp(argv[0], argv);
    int error = errno;
    [[maybe_unused]] auto written = ::write(report_fd, &error, sizeof error);
    ::_exit(127);
}

} // namespace

Command::Command(const std::vector<std::string>& argv, const std::string& server_name,
                 bool dies_with_us, int output)
    : name_(argv.at(0)) {
    // An ignored SIGCHLD would reap the child behind our back and never tell.
    struct sigaction current {};
    if (::sigaction(SIGCHLD, nullptr, &current) == 0 && current.sa_handler == SIG_IGN) {
        current.sa_handler = SIG_DFL;
        ::sigaction(SIGCHLD, &current, nullptr);
    }
    auto words = argv;
    auto argv_pointers = pointers_to(words);
    auto environment = environment_for(server_name);
    auto envp = pointers_to(environment);
    ExecReport report;
    int limit = descriptor_limit();
    pid_t parent = dies_with_us ? ::getpid() : 0;
    // Whatever this thread's mask, the child starts with every signal blocked
    // until exec_child has put back the default dispositions, as posix_spawn
    // does; this thread gets its own mask back at once.
    sigset_t all, before;
    sigfillset(&all);
    ::pthread_sigmask(SIG_SETMASK, &all, &before);
    pid_ = ::fork();
    if (pid_ == 0)
        exec_child(argv_pointers.data(), envp.data(), report.fds[1], limit, parent, output);
    int fork_error = errno;
    ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
    if (pid_ < 0)
        throw std::system_error(fork_error, std::system_category(), "fork");
    report.close_write_end();
    if (int error = report.read_error()) {
        int wait_status = 0;
        while (::waitpid(pid_, &wait_status, 0) < 0 && errno == EINTR) {
        }
        status_ = error == ENOENT || error == ENOTDIR ? 127 : 126;
        throw CommandNotRun(
            fmt::format("cannot run '{}': {}", name_,
                        *status_ == 127 ? "command not found" : std::strerror(error)),
            *status_);
    }
}

Command::~Command() {
    if (running()) {
        ::kill(pid_, SIGKILL);
        int wait_status = 0;
        while (::waitpid(pid_, &wait_status, 0) < 0 && errno == EINTR) {
        }
    }
}

void Command::forward(int signal) noexcept {
    if (running())
        ::kill(pid_, signal);
}

std::optional<int> Command::reap() {
    if (!running())
        return status_;
    int wait_status = 0;
    pid_t got;
    while ((got = ::waitpid(pid_, &wait_status, WNOHANG)) < 0 && errno == EINTR) {
    }
    if (got < 0)
        throw std::system_error(errno, std::system_category(), "waitpid");
    if (got == pid_)
        status_ = shell_status(wait_status);
    return status_;
}

int Command::end(EventLoop& loop, std::chrono::milliseconds grace) {
    if (!running())
        return *status_;
    forward(SIGTERM);
    auto until = Clock::now() + grace;
    while (!reap()) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
        if (left <= std::chrono::milliseconds(0)) {
            forward(SIGKILL);
            int wait_status = 0;
            while (::waitpid(pid_, &wait_status, 0) < 0 && errno == EINTR) {
            }
            status_ = shell_status(wait_status);
            break;
        }
        loop.wait(left);
    }
    return *status_;
}

void remember_inherited_descriptors() {
    inherited_descriptors.clear();
    // The descriptors open, from /dev/fd where it lists them (Linux, macOS,
    // the BSDs), otherwise by asking each one up to the limit.
    if (DIR* listing = ::opendir("/dev/fd")) {
        while (const dirent* entry = ::readdir(listing)) {
            char* end = nullptr;
            long fd = std::strtol(entry->d_name, &end, 10);
            if (end != entry->d_name && *end == '\0' && fd > 2 && fd != ::dirfd(listing) &&
                passed_on(static_cast<int>(fd)))
                inherited_descriptors.push_back(static_cast<int>(fd));
        }
        ::closedir(listing);
    } else {
        for (int fd = 3; fd < descriptor_limit(); ++fd)
            if (passed_on(fd))
                inherited_descriptors.push_back(fd);
    }
    std::sort(inherited_descriptors.begin(), inherited_descriptors.end());
}

} // namespace jack_server::detail
