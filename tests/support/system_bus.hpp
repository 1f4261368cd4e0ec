// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "process.hpp"

#include <memory>
#include <optional>
#include <string>

namespace test {

// A D-Bus system bus of the test's own: dbus-daemon with a configuration
// file of its own (type system, a socket in /tmp, every name and message
// allowed, and no <servicedir>, so nothing is ever activated). Give address()
// to a process as DBUS_SYSTEM_BUS_ADDRESS; the machine's system bus is never
// reached.
class SystemBus {
public:
    SystemBus(); // throws std::runtime_error when dbus-daemon does not start
    ~SystemBus();
    SystemBus(const SystemBus&) = delete;
    SystemBus& operator=(const SystemBus&) = delete;

    const std::string& address() const { return address_; }
    // Why no bus can be started here (no dbus-daemon), if so.
    static std::optional<std::string> unavailable();

private:
    std::string config_;
    std::unique_ptr<Process> daemon_;
    std::string address_;
};

} // namespace test
