// SPDX-License-Identifier: GPL-2.0-or-later
#include "system_bus.hpp"

#include "files.hpp"
#include "wait.hpp"

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace test {

namespace {

std::string configuration(const std::string& socket) {
    return R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=)" +
           socket + R"(</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_type="method_return"/>
    <allow send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="signal"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
  </policy>
</busconfig>
)";
}

} // namespace

std::optional<std::string> SystemBus::unavailable() {
    if (run({"sh", "-c", "command -v dbus-daemon"}).exit.status != 0)
        return "no dbus-daemon here (package dbus-daemon)";
    return std::nullopt;
}

SystemBus::SystemBus() : config_(temporary_path("system-bus.conf")) {
    auto socket = temporary_path("system-bus.socket");
    std::ofstream(config_) << configuration(socket);
    daemon_ = std::make_unique<Process>(std::vector<std::string>{
        "dbus-daemon", "--config-file=" + config_, "--nofork", "--nopidfile", "--print-address=1"});
    if (!wait_until([&] { return daemon_->output().find('\n') != std::string::npos; }))
        throw std::runtime_error("dbus-daemon (system) did not start: " + daemon_->errors());
    auto printed = daemon_->output();
    address_ = printed.substr(0, printed.find('\n'));
}

SystemBus::~SystemBus() {
    daemon_.reset();
    std::remove(config_.c_str());
    std::remove(temporary_path("system-bus.socket").c_str());
}

} // namespace test
