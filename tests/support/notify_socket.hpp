// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>
#include <string>

namespace test {

using namespace std::chrono_literals;

// A datagram socket bound where NOTIFY_SOCKET points, as systemd's: the
// messages sd_notify sends arrive here, one datagram each.
class NotifySocket {
public:
    // Binds a socket at a path of test::temporary_path; throws
    // std::runtime_error when it cannot.
    NotifySocket();
    ~NotifySocket();
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    const std::string& path() const { return path_; }

    // The next message, or "" when none came within timeout.
    std::string next(std::chrono::milliseconds timeout = 20s);

private:
    std::string path_;
    int fd_ = -1;
};

} // namespace test
