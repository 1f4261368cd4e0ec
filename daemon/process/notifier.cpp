// SPDX-License-Identifier: GPL-2.0-or-later
#include "process/notifier.hpp"

#include "log.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <unistd.h>

#if JACK_SERVER_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace jack_server::detail {

namespace {

void write_line(int fd, const std::string& line) {
    std::string_view rest = line;
    while (!rest.empty()) {
        auto written = ::write(fd, rest.data(), rest.size());
        if (written < 0) {
            if (errno == EINTR)
                continue;
            log::warn("cannot write readiness to descriptor {}: {}", fd, std::strerror(errno));
            return;
        }
        rest.remove_prefix(static_cast<std::size_t>(written));
    }
}

void close_fd(std::optional<int>& fd) {
    if (fd)
        ::close(*fd);
    fd.reset();
}

} // namespace

bool notify(const std::string& message) {
#if JACK_SERVER_HAVE_SYSTEMD
    return sd_notify(0, message.c_str()) > 0;
#else
    (void)message;
    return false;
#endif
}

Notifier::Notifier(std::optional<int> ready_fd, std::optional<int> background_fd)
    : ready_fd_(ready_fd), background_fd_(background_fd) {
#if JACK_SERVER_HAVE_SYSTEMD
    std::uint64_t usec = 0;
    // WATCHDOG_PID, when set, must name this process (a --background child
    // is not the process systemd started).
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
        watchdog_ = std::chrono::microseconds(usec);
#endif
}

Notifier::~Notifier() {
    close_fd(ready_fd_);
    close_fd(background_fd_);
}

void Notifier::ready(const std::string& announced_name) {
    notify("READY=1");
    if (background_fd_)
        write_line(*background_fd_, announced_name.empty()
                                        ? fmt::format("{}\n", getpid())
                                        : fmt::format("{} {}\n", getpid(), announced_name));
    if (ready_fd_)
        write_line(*ready_fd_, "READY=1\n");
    close_fd(ready_fd_);
    close_fd(background_fd_);
}

void Notifier::status(const std::string& text) {
    if (text == status_)
        return;
    status_ = text;
    notify("STATUS=" + text);
}

void Notifier::stopping() {
    notify("STOPPING=1");
}

void Notifier::reloading() {
    notify("RELOADING=1");
}

void Notifier::watchdog() {
    notify("WATCHDOG=1");
}

void Notifier::extend_timeout(std::chrono::microseconds more) {
    notify(fmt::format("EXTEND_TIMEOUT_USEC={}", more.count()));
}

} // namespace jack_server::detail
