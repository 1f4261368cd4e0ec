// SPDX-License-Identifier: GPL-2.0-or-later
// jack-server --dbus against the reference, Debian's jackdbus: Debian's
// unchanged jack_control, run command by command against each, prints the
// same and exits the same; and what --dbus does besides: the name owned,
// readiness, refusals.

#include "dbus_session.hpp"
#include "notify_socket.hpp"
#include "ready_pipe.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

using namespace test::dbus;
using testing::HasSubstr;

namespace {

// The commands the issue lists, in an order each server must follow alike:
// the server under a name of this test's own, so that tests running beside
// it are not disturbed. Not the calls that fail where jackdbus answers
// success (AValueLibjackserverRefusesIsAnError has those).
std::vector<std::vector<std::string>> scenario(const std::string& name) {
    return {{"status"},
            {"dl"},
            {"dpd", "rate"},
            {"epd", "self-connect-mode"},
            {"ip", "netmanager"},
            {"ipd", "netmanager", "multicast-ip"},
            {"ips", "netmanager", "multicast-ip", "239.0.0.9"},
            {"ip", "netmanager"},
            {"ipr", "netmanager", "multicast-ip"},
            {"ds", "dummy"},
            {"dps", "rate", "44100"},
            {"eps", "realtime", "false"},
            {"eps", "name", name},
            {"start"},
            {"status"},
            {"dp"},
            {"ep"},
            {"il"},
            {"iload", "profiler"},
            {"iunload", "profiler"},
            {"asd", "loopback"},
            {"stop"},
            {"asd", "loopback"},
            {"dg"},
            {"start"},
            {"stop"},
            {"rsd", "loopback"},
            {"dpr", "rate"},
            {"dps", "period", "256"},
            {"start"},
            {"ds", "dummy"},
            {"sm"},
            {"dp"},
            {"start"},
            {"stop"},
            {"stop"},
            {"epr", "realtime"},
            {"ep"},
            {"exit"}};
}

// The whole transcript of the scenario against one server, its exit last.
std::string transcript(const std::vector<std::string>& server) {
    Session session("dbus");
    test::Process daemon(server, session.environment());
    if (!test::wait_until([&] { return session.bus.has_owner(service); }))
        return "the server never owned " + service + ": " + daemon.errors();
    std::string text;
    for (const auto& words : scenario(test::unique_server_name("dbus")))
        text += session.jack_control(words);
    auto exit = daemon.wait(30s);
    text += "server exit " + (exit ? std::to_string(exit->status) : std::string("none")) + "\n";
    return text;
}

} // namespace

TEST(Dbus, JackControlPrintsTheSameAsAgainstJackdbus) {
    auto reference = transcript(jackdbus());
    ASSERT_THAT(reference, HasSubstr("started")) << reference;
    auto ours = transcript(jack_server_dbus());
    EXPECT_EQ(ours, reference);
}

TEST(Dbus, ANameOwnedByJackdbusExits69NamingIt) {
    Session session("dbus-owned");
    test::Process owner(jackdbus(), session.environment());
    ASSERT_TRUE(test::wait_until([&] { return session.bus.has_owner(service); }));
    auto refused = test::run(jack_server_dbus(), session.environment());
    EXPECT_EQ(refused.exit.status, 69);
    EXPECT_THAT(refused.errors, HasSubstr("--dbus: org.jackaudio.service is owned by jackdbus (:"));
    EXPECT_THAT(refused.errors, HasSubstr("pid " + std::to_string(owner.pid()) + ")"));
    session.jack_control({"exit"});
    EXPECT_TRUE(owner.wait(20s));
}

TEST(Dbus, NoSessionBusExits69) {
    auto refused =
        test::run(jack_server_dbus(), {{"DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus"}});
    EXPECT_EQ(refused.exit.status, 69);
    EXPECT_THAT(refused.errors, HasSubstr("--dbus: cannot reach the session bus"));
}

TEST(Dbus, ACommandIsRefused) {
    auto refused = test::run({test::jack_server_binary(), "--dbus", "-d", "dummy", "--", "true"});
    EXPECT_EQ(refused.exit.status, 64);
    EXPECT_THAT(refused.errors, HasSubstr("--dbus runs the server from StartServer to StopServer: "
                                          "it cannot run -- true"));
}

// The command line seeds the parameters; the server waits for StartServer.
TEST(Dbus, TheCommandLineSeedsTheParameters) {
    Session session("dbus-seed");
    auto name = test::unique_server_name("dbus-seed");
    test::Process daemon({test::jack_server_binary(), "--dbus", "-n", name, "-d", "dummy", "-r",
                          "22050", "-p", "512"},
                         session.environment());
    ASSERT_TRUE(test::wait_until([&] { return session.bus.has_owner(service); }))
        << daemon.errors();
    EXPECT_THAT(session.jack_control({"status"}), HasSubstr("stoped\nexit 1\n"));
    auto parameters = session.jack_control({"dp"});
    EXPECT_THAT(parameters, HasSubstr("rate: Sample rate (uint:set:48000:22050)"));
    EXPECT_THAT(parameters, HasSubstr("period: Frames per period (uint:set:1024:512)"));
    EXPECT_THAT(session.jack_control({"dg"}), HasSubstr("dummy\n"));
    EXPECT_THAT(session.jack_control({"start"}), HasSubstr("exit 0\n"));
    auto ports = test::run({"jack_lsp"}, test::client_environment(name));
    EXPECT_THAT(ports.output, HasSubstr("system:playback_1"));
    // A stop signal ends the running server and the process, with status 0.
    daemon.signal(SIGTERM);
    auto exit = daemon.wait(30s);
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << daemon.errors();
    EXPECT_FALSE(session.bus.has_owner(service));
}

// Where jackdbus logs a failure but answers success (it replaces its own
// error reply), jack-server answers the error.
TEST(Dbus, AValueLibjackserverRefusesIsAnError) {
    Session session("dbus-refused");
    test::Process daemon(jack_server_dbus(), session.environment());
    ASSERT_TRUE(test::wait_until([&] { return session.bus.has_owner(service); }));
    auto refused = session.jack_control({"ds", "nosuch"});
    EXPECT_THAT(refused, HasSubstr("org.jackaudio.Error.InvalidArgs: unknown driver 'nosuch'"));
    EXPECT_THAT(refused, HasSubstr("exit 1\n"));
    EXPECT_THAT(session.jack_control({"dg"}), HasSubstr("dummy\n"));
    EXPECT_THAT(session.jack_control({"rsd", "loopback"}),
                HasSubstr("org.jackaudio.Error.Generic: jack_controller_remove_slave_driver failed "
                          "for driver (loopback)\nexit 1\n"));
    EXPECT_THAT(session.jack_control({"asd", "nosuch"}),
                HasSubstr("org.jackaudio.Error.Generic: jack_controller_add_slave_driver failed "
                          "for driver (nosuch)\nexit 1\n"));
    // Stopped: nothing to load into.
    EXPECT_THAT(session.jack_control({"iload", "profiler"}),
                HasSubstr("org.jackaudio.Error.Generic: jack_controller_load_internal failed for "
                          "internal (profiler)\nexit 1\n"));
    session.jack_control({"exit"});
    EXPECT_TRUE(daemon.wait(20s));
}

// Readiness with --dbus is the name owned: --ready-fd's line and the
// --background parent's return come once org.jackaudio.service answers.
TEST(Dbus, ReadyOnceTheNameIsOwned) {
    {
        Session session("dbus-ready-fd");
        test::ReadyPipe ready;
        test::Process daemon(
            {test::jack_server_binary(), "--dbus", "--ready-fd", std::to_string(ready.as())},
            session.environment(), {ready.for_child()});
        ready.close_write_end();
        ASSERT_TRUE(ready.wait()) << daemon.errors();
        EXPECT_TRUE(session.bus.has_owner(service));
        EXPECT_THAT(session.jack_control({"status"}), HasSubstr("stoped\nexit 1\n"));
        session.jack_control({"exit"});
        EXPECT_TRUE(daemon.wait(20s));
    }
    Session session("dbus-background");
    auto parent =
        test::run({test::jack_server_binary(), "--dbus", "--background"}, session.environment());
    ASSERT_EQ(parent.exit.status, 0) << parent.errors;
    EXPECT_TRUE(session.bus.has_owner(service));
    auto pid = std::stoi(parent.output);
    EXPECT_THAT(session.jack_control({"exit"}), HasSubstr("exit 0\n"));
    EXPECT_TRUE(test::wait_until([&] { return ::kill(pid, 0) != 0; }));
}

// Under systemd (Type=notify or Type=dbus): READY=1 once the name is owned,
// STATUS= saying the server is stopped between runs and what runs during
// one, STOPPING=1 only when the process ends, not at each StopServer.
TEST(Dbus, NotifiesTheServiceNotEachRun) {
    Session session("dbus-notify");
    test::NotifySocket socket;
    auto environment = session.environment();
    environment["NOTIFY_SOCKET"] = socket.path();
    test::Process daemon(jack_server_dbus(), environment);
    std::vector<std::string> messages;
    auto until = [&](const std::string& wanted) {
        for (auto message = socket.next(); !message.empty(); message = socket.next()) {
            messages.push_back(message);
            if (message.starts_with(wanted))
                return true;
        }
        return false;
    };
    ASSERT_TRUE(until("READY=1")) << daemon.errors();
    ASSERT_TRUE(until("STATUS=stopped: waiting for StartServer"));
    ASSERT_TRUE(call(session, "JackControl", "StartServer"));
    ASSERT_TRUE(until("STATUS=driver dummy"));
    ASSERT_TRUE(call(session, "JackControl", "StopServer"));
    ASSERT_TRUE(until("STATUS=stopped: waiting for StartServer"));
    EXPECT_THAT(messages, testing::Not(testing::Contains("STOPPING=1")));
    ASSERT_TRUE(call(session, "JackControl", "Exit"));
    EXPECT_TRUE(until("STOPPING=1"));
    EXPECT_TRUE(daemon.wait(20s));
}

// --dbus needs no driver: --check checks what StartServer runs by default
// (dummy), --print-config prints no [driver], and a file with dbus = true
// and no driver is a whole configuration.
TEST(Dbus, CheckAndPrintConfigNeedNoDriver) {
    auto checked = test::run({test::jack_server_binary(), "--dbus", "--check"});
    EXPECT_EQ(checked.exit.status, 0) << checked.errors;
    EXPECT_THAT(checked.output, HasSubstr("configuration OK: server 'default': driver dummy"));
    auto printed = test::run({test::jack_server_binary(), "--dbus", "--print-config"});
    EXPECT_EQ(printed.exit.status, 0) << printed.errors;
    EXPECT_THAT(printed.output, HasSubstr("dbus = true"));
    EXPECT_THAT(printed.output, testing::Not(HasSubstr("[driver]")));
    test::ConfigFile file("dbus-no-driver");
    file.write("[daemon]\ndbus = true\n");
    auto from_file = test::run({test::jack_server_binary(), "--config", file.path(), "--check"});
    EXPECT_EQ(from_file.exit.status, 0) << from_file.errors;
}
