// SPDX-License-Identifier: GPL-2.0-or-later
// Debian's QjackCtl in its D-Bus mode, on a display of its own (Xvfb),
// starting and stopping the server it finds on the session bus: jack-server
// --dbus as Debian's jackdbus. QjackCtl starts the server at its start-up
// (StartJack) with JackControl.StartServer, and at its quit (SIGTERM, as a
// desktop's logout) stops it with StopServer (StopJack), since it started it.

#include "dbus_session.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <signal.h>

using namespace test::dbus;

namespace {

// What QjackCtl reads from ~/.config/rncbc.org/QjackCtl.conf (the keys of
// its qjackctlSetup.cpp): D-Bus control of jackdbus, the server started at
// start-up and stopped at quit, no question asked at quit, no tray, no
// single-instance check; its preset the dummy driver without realtime.
const char* const qjackctl_conf = R"([Options]
JackDBusEnabled=true
DBusEnabled=false
StartJack=true
StopJack=true
QueryClose=false
QueryShutdown=false
SystemTray=false
Singleton=false
ServerConfig=false
StartupScript=false
PostStartupScript=false
ShutdownScript=false
PostShutdownScript=false
AlsaSeqEnabled=false

[Settings]
Driver=dummy
Realtime=false
)";

void write_qjackctl_conf(const Session& session) {
    const auto folder = session.home + "/.config/rncbc.org";
    std::filesystem::create_directories(folder);
    std::ofstream(folder + "/QjackCtl.conf") << qjackctl_conf;
}

// JackControl.IsStarted's answer ("b true"), or the failure.
std::string is_started(const Session& session) {
    auto result = test::run({"busctl", "--address=" + session.bus.address(), "call", service,
                             "/org/jackaudio/Controller", "org.jackaudio.JackControl", "IsStarted"},
                            {}, 20s);
    return result.exit.status == 0 ? result.output : "failed: " + result.errors;
}

bool started(const Session& session) {
    return is_started(session).find("true") != std::string::npos;
}

// An X display of the test's own: Xvfb picks a free number and prints it
// when it is ready (-displayfd), so tests running beside it never race for one.
struct Display {
    Display()
        : server({"Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "640x480x24"}) {
        test::wait_until([&] { return server.output().find('\n') != std::string::npos; });
        auto text = server.output();
        if (text.find('\n') != std::string::npos)
            name = ":" + text.substr(0, text.find('\n'));
    }
    test::Process server;
    std::string name; // empty when Xvfb never became ready
};

// What a run of QjackCtl against one server shows, each line an observation
// both servers must give alike.
std::string observed(const std::vector<std::string>& argv) {
    Session session("dbus-qjackctl");
    write_qjackctl_conf(session);
    // Every JackControl call and signal on the bus, QjackCtl's included.
    test::Process monitor({"dbus-monitor", "--address", session.bus.address(),
                           "interface='org.jackaudio.JackControl'"});
    DbusServer server(session, argv);
    if (!server.owned)
        return "the server never owned " + service + ": " + server.process.errors();
    // The server under a name of this test's own (QjackCtl leaves the
    // engine's name alone), which QjackCtl's own client finds through
    // JACK_DEFAULT_SERVER.
    const auto name = test::unique_server_name("qjackctl");
    if (!call(session, "Configure", "SetParameterValue", {"asv", "2", "engine", "name", "s", name}))
        return "the engine's name was refused";
    Display display;
    if (display.name.empty())
        return "Xvfb never became ready: " + display.server.errors();

    std::string text;
    auto environment = session.environment();
    environment["DISPLAY"] = display.name;
    environment["JACK_DEFAULT_SERVER"] = name;
    environment["QT_QPA_PLATFORM"] = "xcb";
    // Qt's runtime folder in the test's home, not a /tmp/runtime-root shared
    // with whoever runs beside it.
    const auto runtime = session.home + "/run";
    std::filesystem::create_directories(runtime);
    std::filesystem::permissions(runtime, std::filesystem::perms::owner_all);
    environment["XDG_RUNTIME_DIR"] = runtime;
    test::Process qjackctl({"qjackctl"}, environment);
    text += "started by QjackCtl: " +
            std::to_string(test::wait_until([&] { return started(session); })) + "\n";
    auto ports = test::run({"jack_lsp"}, test::client_environment(name));
    text += "jack_lsp: exit " + std::to_string(ports.exit.status) + "\n" + ports.output;

    qjackctl.signal(SIGTERM);
    auto quit = qjackctl.wait(20s);
    text += "QjackCtl quit: " + (quit ? std::to_string(quit->status) : std::string("none")) + "\n";
    text += "IsStarted after: " + is_started(session);
    auto seen = [&](const std::string& member) {
        return monitor.output().find("member=" + member) != std::string::npos;
    };
    test::wait_until([&] { return seen("ServerStopped"); });
    for (const auto* member : {"StartServer", "ServerStarted", "StopServer", "ServerStopped"})
        text += std::string(member) + " on the bus: " + std::to_string(seen(member)) + "\n";
    return text;
}

bool have_qjackctl_and_xvfb() {
    return test::exists("/usr/bin/qjackctl") && test::exists("/usr/bin/Xvfb");
}

} // namespace

TEST(Dbus, QjackctlStartsAndStopsTheServerAsJackdbus) {
    if (!have_qjackctl_and_xvfb())
        GTEST_SKIP() << "QjackCtl or Xvfb is not installed (packages qjackctl, xvfb)";
    const std::string expected = "started by QjackCtl: 1\n"
                                 "jack_lsp: exit 0\n"
                                 "system:capture_1\n"
                                 "system:capture_2\n"
                                 "system:playback_1\n"
                                 "system:playback_2\n"
                                 "QjackCtl quit: 0\n"
                                 "IsStarted after: b false\n"
                                 "StartServer on the bus: 1\n"
                                 "ServerStarted on the bus: 1\n"
                                 "StopServer on the bus: 1\n"
                                 "ServerStopped on the bus: 1\n";
    auto reference = observed(jackdbus());
    EXPECT_EQ(reference, expected) << "jackdbus";
    EXPECT_EQ(observed(jack_server_dbus()), reference);
}
