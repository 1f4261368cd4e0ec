// SPDX-License-Identifier: GPL-2.0-or-later
// What is set over D-Bus is kept for the next start (dbus.toml), and
// jackdbus's conf.xml is taken once.

#include "dbus_session.hpp"

#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace test::dbus;
using testing::HasSubstr;

// What is set over D-Bus is there again when jack-server --dbus starts next,
// from $XDG_CONFIG_HOME/jack-server/dbus.toml.
TEST(Dbus, SettingsAreKeptForTheNextStart) {
    Session session("dbus-kept");
    auto name = test::unique_server_name("dbus-kept");
    {
        DbusServer server(session);
        ASSERT_TRUE(server.owned) << server.process.errors();
        for (const auto& words : std::vector<std::vector<std::string>>{{"ds", "dummy"},
                                                                       {"dps", "rate", "22050"},
                                                                       {"eps", "name", name},
                                                                       {"eps", "realtime", "false"},
                                                                       {"asd", "loopback"}})
            EXPECT_THAT(session.jack_control(words), HasSubstr("exit 0\n"));
    }
    auto file = test::read_file(session.home + "/.config/jack-server/dbus.toml");
    EXPECT_THAT(file, HasSubstr("rate = 22050"));
    EXPECT_THAT(file, HasSubstr("slave-drivers = 'loopback'"));
    DbusServer again(session);
    ASSERT_TRUE(again.owned) << again.process.errors();
    EXPECT_THAT(session.jack_control({"dp"}),
                HasSubstr("rate: Sample rate (uint:set:48000:22050)"));
    auto engine = session.jack_control({"ep"});
    EXPECT_THAT(engine, HasSubstr("(bool:set:True:False)"));
    EXPECT_THAT(engine, HasSubstr("slave-drivers: Slave drivers to use (str:set::loopback)"));
    EXPECT_THAT(session.jack_control({"start"}), HasSubstr("exit 0\n"));
    auto ports = test::run({"jack_lsp"}, test::client_environment(name));
    EXPECT_THAT(ports.output, HasSubstr("loopback:playback_1")) << ports.errors;
    EXPECT_THAT(session.jack_control({"stop"}), HasSubstr("exit 0\n"));
}

// A user of QjackCtl or Cadence over jackdbus finds their parameters: the
// first start with no dbus.toml reads jackdbus's ~/.config/jack/conf.xml,
// and prints them as jackdbus did. Only once: afterwards dbus.toml rules.
TEST(Dbus, JackdbusSettingsAreTakenOnce) {
    Session session("dbus-conf-xml");
    std::vector<std::vector<std::string>> settings{
        {"ds", "dummy"},
        {"dps", "rate", "44100"},
        {"dps", "period", "256"},
        {"eps", "realtime", "false"},
        {"eps", "client-timeout", "700"},
        {"ips", "netmanager", "multicast-ip", "239.0.0.9"}};
    std::vector<std::vector<std::string>> shown{{"dg"}, {"dp"}, {"ep"}, {"ip", "netmanager"}};
    std::string reference;
    auto conf_xml = session.home + "/.config/jack/conf.xml";
    {
        test::Process jackdbus_process(jackdbus(), session.environment());
        ASSERT_TRUE(test::wait_until([&] { return session.bus.has_owner(service); }));
        for (const auto& words : settings)
            session.jack_control(words);
        for (const auto& words : shown)
            reference += session.jack_control(words);
        // jackdbus saves two seconds after the last change.
        ASSERT_TRUE(test::wait_until(
            [&] { return test::read_file(conf_xml).find("239.0.0.9") != std::string::npos; }));
        session.jack_control({"exit"});
        ASSERT_TRUE(jackdbus_process.wait(20s));
    }
    {
        DbusServer server(session);
        ASSERT_TRUE(server.owned) << server.process.errors();
        std::string ours;
        for (const auto& words : shown)
            ours += session.jack_control(words);
        EXPECT_EQ(ours, reference);
        EXPECT_THAT(server.process.errors() + server.process.output(),
                    HasSubstr("parameters taken from jackdbus's " + conf_xml));
        session.jack_control({"dps", "rate", "32000"});
    }
    // jackdbus's file changed since (or gone): dbus.toml is what counts.
    std::filesystem::remove(conf_xml);
    DbusServer again(session);
    ASSERT_TRUE(again.owned) << again.process.errors();
    EXPECT_THAT(session.jack_control({"dp"}),
                HasSubstr("rate: Sample rate (uint:set:48000:32000)"));
    EXPECT_THAT(session.jack_control({"ep"}), HasSubstr("(sint:set:0:700)"));
}

TEST(Dbus, ABrokenSettingsFileExits78NamingIt) {
    Session session("dbus-broken");
    std::filesystem::create_directories(session.home + "/.config/jack-server");
    auto path = session.home + "/.config/jack-server/dbus.toml";
    std::ofstream(path) << "[engine]\nrealtime = \n";
    auto refused = test::run(jack_server_dbus(), session.environment());
    EXPECT_EQ(refused.exit.status, 78);
    EXPECT_THAT(refused.errors, HasSubstr(path + ":2: "));
}
