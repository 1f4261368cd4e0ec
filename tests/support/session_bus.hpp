// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "process.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace test {

// A D-Bus session bus of the test's own, so that nothing reaches the user's
// desktop. Its configuration has no <servicedir> unless the test gives some:
// nothing is activated on it (the default session configuration lets
// Debian's jackd2 start jackdbus for anyone who calls org.jackaudio.service).
// Give address() to a process as DBUS_SESSION_BUS_ADDRESS.
class SessionBus {
public:
    // service_dirs: where activation looks, in order; what it activates gets
    // environment added to the test's. Throws std::runtime_error when
    // dbus-daemon does not start.
    explicit SessionBus(const std::vector<std::string>& service_dirs = {},
                        const std::map<std::string, std::string>& environment = {});
    ~SessionBus();
    SessionBus(const SessionBus&) = delete;
    SessionBus& operator=(const SessionBus&) = delete;
    const std::string& address() const { return address_; }

    // Whether some connection owns that bus name now.
    bool has_owner(const std::string& name) const;
    // A property of a service's object, as busctl prints it: `s "jack-server"`.
    std::string property(const std::string& service, const std::string& object,
                         const std::string& interface, const std::string& property) const;
    // Calls a method; busctl's output (`b false`), or "" when the call failed.
    std::string call(const std::vector<std::string>& arguments) const;

private:
    std::string config_;
    std::unique_ptr<Process> daemon_;
    std::string address_;
};

} // namespace test
