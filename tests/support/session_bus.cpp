// SPDX-License-Identifier: GPL-2.0-or-later
#include "session_bus.hpp"

#include "wait.hpp"

#include <stdexcept>

namespace test {

SessionBus::SessionBus()
    : daemon_(std::make_unique<Process>(
          std::vector<std::string>{"dbus-daemon", "--session", "--nofork", "--print-address=1"})) {
    if (!wait_until([&] { return daemon_->output().find('\n') != std::string::npos; }))
        throw std::runtime_error("dbus-daemon --session did not start: " + daemon_->errors());
    auto printed = daemon_->output();
    address_ = printed.substr(0, printed.find('\n'));
}

std::string SessionBus::call(const std::vector<std::string>& arguments) const {
    std::vector<std::string> argv{"busctl", "--address=" + address_, "call"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    auto result = run(argv);
    return result.exit.status == 0 ? result.output : "";
}

bool SessionBus::has_owner(const std::string& name) const {
    return call({"org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                 "NameHasOwner", "s", name}) == "b true\n";
}

std::string SessionBus::property(const std::string& service, const std::string& object,
                                 const std::string& interface, const std::string& property) const {
    auto result = run(
        {"busctl", "--address=" + address_, "get-property", service, object, interface, property});
    return result.exit.status == 0 ? result.output : "";
}

} // namespace test
