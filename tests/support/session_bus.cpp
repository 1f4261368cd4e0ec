// SPDX-License-Identifier: GPL-2.0-or-later
#include "session_bus.hpp"

#include "files.hpp"
#include "wait.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace test {

namespace {

// The session bus's own configuration with service_dirs for its own.
std::string write_config(const std::vector<std::string>& service_dirs) {
    std::string services;
    for (const auto& dir : service_dirs)
        services += "  <servicedir>" + dir + "</servicedir>\n";
    static std::atomic<int> count{0};
    auto path = temporary_path("session-bus-" + std::to_string(count++) + ".conf");
    std::ofstream(path)
        << R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
)" + services + R"(  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)";
    return path;
}

} // namespace

SessionBus::SessionBus(const std::vector<std::string>& service_dirs,
                       const std::map<std::string, std::string>& environment)
    : config_(write_config(service_dirs)),
      daemon_(std::make_unique<Process>(std::vector<std::string>{"dbus-daemon",
                                                                 "--config-file=" + config_,
                                                                 "--nofork", "--print-address=1"},
                                        environment)) {
    if (!wait_until([&] { return daemon_->output().find('\n') != std::string::npos; }))
        throw std::runtime_error("dbus-daemon --session did not start: " + daemon_->errors());
    auto printed = daemon_->output();
    address_ = printed.substr(0, printed.find('\n'));
}

SessionBus::~SessionBus() {
    daemon_.reset();
    std::error_code ignored;
    std::filesystem::remove(config_, ignored);
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
