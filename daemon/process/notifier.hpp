// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace jack_server::detail {

// Tells supervisors what the daemon does: systemd through sd_notify (when
// NOTIFY_SOCKET is set and jack-server was built with libsystemd), s6-style
// readiness through one line on a descriptor (--ready-fd), and the parent
// that forked us (--background) through a pipe.
class Notifier {
public:
    // ready_fd: --ready-fd; background_fd: the pipe to the waiting parent.
    Notifier(std::optional<int> ready_fd, std::optional<int> background_fd);
    ~Notifier();
    Notifier(const Notifier&) = delete;
    Notifier& operator=(const Notifier&) = delete;

    // The server serves clients: READY=1, the line on --ready-fd, the pid to
    // the parent, followed by a space and announced_name when there is one
    // (--unique-name). The descriptors are closed afterwards.
    void ready(const std::string& announced_name = {});
    // STATUS=text, sent only when it changed.
    void status(const std::string& text);
    void stopping();
    // RELOADING=1: a reload begins; ready() again when it is done.
    void reloading();
    // WATCHDOG=1. The caller sends it only while the engine advances.
    void watchdog();
    // Asks systemd for more start-up time (while waiting for a device).
    void extend_timeout(std::chrono::microseconds more);

    // WATCHDOG_USEC when systemd expects pings from this process.
    std::optional<std::chrono::microseconds> watchdog_interval() const { return watchdog_; }

private:
    std::optional<int> ready_fd_, background_fd_;
    std::optional<std::chrono::microseconds> watchdog_;
    std::string status_;
};

// Sends one sd_notify message; false when not under systemd (or built without
// libsystemd).
bool notify(const std::string& message);

} // namespace jack_server::detail
