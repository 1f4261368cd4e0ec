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
// (~/.local/share/dbus-1/services before /usr/share/dbus-1/services); what it
// activates gets the test's home.
std::unique_ptr<test::SessionBus> activating_bus(const std::string& home,
                                                 const std::string& user_services) {
    return std::make_unique<test::SessionBus>(
        std::vector<std::string>{user_services, "/usr/share/dbus-1/services"},
        std::map<std::string, std::string>{{"HOME", home}, {"XDG_CONFIG_HOME", home + "/.config"}});
}

// The command of org.jackaudio.service's owner, once one owns it.
std::string owner_command(const test::SessionBus& bus) {
    auto pid = bus.call({"org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                         "GetConnectionUnixProcessID", "s", service});
    if (!pid.starts_with("u "))
        return {};
    auto comm = test::read_file("/proc/" + pid.substr(2, pid.size() - 3) + "/comm");
    return comm.substr(0, comm.find('\n'));
}

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
        auto bus = activating_bus(session.home, services);
        auto status = test::run({"jack_control", "status"},
                                {{"DBUS_SESSION_BUS_ADDRESS", bus->address()}}, 60s);
        EXPECT_THAT(status.output, HasSubstr("stoped")) << status.errors;
        // The kernel's comm: the binary's name, at most 15 characters.
        EXPECT_EQ(
            owner_command(*bus),
            std::filesystem::path(test::jack_server_binary()).filename().string().substr(0, 15));
        test::run({"jack_control", "exit"}, {{"DBUS_SESSION_BUS_ADDRESS", bus->address()}});
    }
    std::filesystem::remove(services + "/org.jackaudio.service");
    auto bus = activating_bus(session.home, services);
    auto status =
        test::run({"jack_control", "status"}, {{"DBUS_SESSION_BUS_ADDRESS", bus->address()}}, 60s);
    EXPECT_THAT(status.output, HasSubstr("stoped")) << status.errors;
    EXPECT_EQ(owner_command(*bus), "jackdbus");
    test::run({"jack_control", "exit"}, {{"DBUS_SESSION_BUS_ADDRESS", bus->address()}});
}
