// SPDX-License-Identifier: GPL-2.0-or-later
// The D-Bus service file (packaging/dbus/) makes jack-server the provider
// of org.jackaudio.service for a user, and its removal gives it back.

#include "dbus_session.hpp"

#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <memory>

using namespace test::dbus;
using testing::HasSubstr;

namespace {

// A session bus whose activation looks first in the user's folder, then in
// the system's, as the default session configuration does
// (~/.local/share/dbus-1/services before /usr/share/dbus-1/services).
class ActivatingBus {
public:
    ActivatingBus(const std::string& home, const std::string& user_services)
        : config_(home + "/bus.conf") {
        std::ofstream(config_)
            << R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <servicedir>)" + user_services +
                   R"(</servicedir>
  <servicedir>/usr/share/dbus-1/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)";
        // What it activates gets its environment: a home of the test's own.
        daemon_ = std::make_unique<test::Process>(
            std::vector<std::string>{"dbus-daemon", "--config-file=" + config_, "--nofork",
                                     "--print-address=1"},
            std::map<std::string, std::string>{{"HOME", home},
                                               {"XDG_CONFIG_HOME", home + "/.config"}});
        test::wait_until([&] { return daemon_->output().find('\n') != std::string::npos; });
        address_ = daemon_->output().substr(0, daemon_->output().find('\n'));
    }
    const std::string& address() const { return address_; }
    // The command of org.jackaudio.service's owner, once one owns it.
    std::string owner_command() const {
        auto pid = test::run({"busctl", "--address=" + address_, "call", "org.freedesktop.DBus",
                              "/org/freedesktop/DBus", "org.freedesktop.DBus",
                              "GetConnectionUnixProcessID", "s", service})
                       .output;
        if (!pid.starts_with("u "))
            return {};
        auto comm = test::read_file("/proc/" + pid.substr(2, pid.size() - 3) + "/comm");
        return comm.substr(0, comm.find('\n'));
    }

private:
    std::string config_, address_;
    std::unique_ptr<test::Process> daemon_;
};

} // namespace

// packaging/dbus/org.jackaudio.service, linked into the user's services
// folder, makes jack-server the one a call to org.jackaudio.service starts,
// ahead of Debian's jackdbus; without it, jackdbus again.
TEST(Dbus, TheServiceFileMakesJackServerTheProviderAndBack) {
    Session session("dbus-activation");
    auto services = session.home + "/.local/share/dbus-1/services";
    std::filesystem::create_directories(services);
    {
        auto text = test::read_file(std::string(JACK_SERVER_SOURCE_DIR) +
                                    "/packaging/dbus/org.jackaudio.service");
        auto exec = text.find("/usr/bin/jack-server");
        ASSERT_NE(exec, std::string::npos) << text;
        text.replace(exec, std::string("/usr/bin/jack-server").size(), test::jack_server_binary());
        std::ofstream(services + "/org.jackaudio.service") << text;
    }
    {
        ActivatingBus bus(session.home, services);
        auto status = test::run({"jack_control", "status"},
                                {{"DBUS_SESSION_BUS_ADDRESS", bus.address()}}, 60s);
        EXPECT_THAT(status.output, HasSubstr("stoped")) << status.errors;
        // The kernel's comm: the binary's name, at most 15 characters.
        EXPECT_EQ(
            bus.owner_command(),
            std::filesystem::path(test::jack_server_binary()).filename().string().substr(0, 15));
        test::run({"jack_control", "exit"}, {{"DBUS_SESSION_BUS_ADDRESS", bus.address()}});
    }
    std::filesystem::remove(services + "/org.jackaudio.service");
    ActivatingBus bus(session.home, services);
    auto status =
        test::run({"jack_control", "status"}, {{"DBUS_SESSION_BUS_ADDRESS", bus.address()}}, 60s);
    EXPECT_THAT(status.output, HasSubstr("stoped")) << status.errors;
    EXPECT_EQ(bus.owner_command(), "jackdbus");
    test::run({"jack_control", "exit"}, {{"DBUS_SESSION_BUS_ADDRESS", bus.address()}});
}
