// SPDX-License-Identifier: GPL-2.0-or-later
// JackPatchbay's signals and answers, and the introspection XML, against
// jackdbus's.

#include "dbus_session.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace test::dbus;
using testing::HasSubstr;

namespace {

// What dbus_signals.py prints against one server: every signal of each
// interface in order, and what JackPatchbay's methods answered.
std::string signals_of(const std::vector<std::string>& server) {
    Session session("dbus-signals");
    test::Process daemon(server, session.environment());
    if (!test::wait_until([&] { return session.bus.has_owner(service); }))
        return "the server never owned " + service + ": " + daemon.errors();
    auto recorded = test::run(
        {"/usr/bin/python3", JACK_SERVER_DBUS_SIGNALS, test::unique_server_name("dbus-signals")},
        session.environment(), 60s);
    session.jack_control({"exit"});
    daemon.wait(20s);
    return recorded.output + recorded.errors + "exit " + std::to_string(recorded.exit.status);
}

// The object's introspection XML, one interface at a time.
std::map<std::string, std::string> introspection_of(const std::vector<std::string>& server) {
    Session session("dbus-introspect");
    test::Process daemon(server, session.environment());
    if (!test::wait_until([&] { return session.bus.has_owner(service); }))
        return {{"error", daemon.errors()}};
    auto xml = test::run({"/usr/bin/python3", "-c",
                          "import dbus; print(dbus.SessionBus().get_object('" + service +
                              "', '/org/jackaudio/Controller').Introspect(dbus_interface="
                              "'org.freedesktop.DBus.Introspectable'), end='')"},
                         session.environment())
                   .output;
    session.jack_control({"exit"});
    daemon.wait(20s);
    std::map<std::string, std::string> interfaces;
    const std::string open = "  <interface name=\"", close = "  </interface>\n";
    for (auto at = xml.find(open); at != std::string::npos; at = xml.find(open, at + 1)) {
        auto name_end = xml.find('"', at + open.size());
        auto end = xml.find(close, at);
        interfaces[xml.substr(at + open.size(), name_end - at - open.size())] =
            xml.substr(at, end + close.size() - at);
    }
    interfaces["head"] = xml.substr(0, xml.find(open));
    interfaces["tail"] = xml.substr(xml.rfind(close) + close.size());
    return interfaces;
}

} // namespace

// A client comes, connects (itself and through JackPatchbay), renames a port,
// disconnects and goes: jack-server --dbus sends jackdbus's signals, with the
// same ids and graph versions, and answers GetGraph, GetAllPorts and
// GetClientPID alike.
TEST(Dbus, PatchbaySignalsAreTheSameAsJackdbus) {
    auto reference = signals_of(jackdbus());
    ASSERT_THAT(reference, HasSubstr("PortRenamed")) << reference;
    ASSERT_THAT(reference, HasSubstr("exit 0")) << reference;
    EXPECT_EQ(signals_of(jack_server_dbus()), reference);
}

// jackdbus's own introspection: every argument named and directed, Exit
// left out. Its SessionManager and (empty) JackTransport are not offered.
TEST(Dbus, IntrospectionIsTheSameAsJackdbus) {
    auto reference = introspection_of(jackdbus());
    auto ours = introspection_of(jack_server_dbus());
    ASSERT_TRUE(reference.contains("org.jackaudio.JackPatchbay")) << reference["error"];
    for (const auto* part :
         {"head", "tail", "org.freedesktop.DBus.Introspectable", "org.jackaudio.JackControl",
          "org.jackaudio.Configure", "org.jackaudio.JackPatchbay"})
        EXPECT_EQ(ours[part], reference[part]) << part;
    EXPECT_FALSE(ours.contains("org.jackaudio.SessionManager"));
}
