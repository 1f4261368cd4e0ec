// SPDX-License-Identifier: GPL-2.0-or-later
// jack-server --dbus against the reference, Debian's jackdbus: the same
// jack_control commands, run one by one against each on a private session bus
// (no service activation on it), must print the same and exit the same.

#include "binaries.hpp"
#include "files.hpp"
#include "notify_socket.hpp"
#include "process.hpp"
#include "ready_pipe.hpp"
#include "session_bus.hpp"
#include "test_card.hpp"
#include "wait.hpp"

#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <optional>
#include <signal.h>
#include <sstream>

using namespace std::chrono_literals;
using testing::HasSubstr;

namespace {

const std::string service = "org.jackaudio.service";

// A desktop session of the test's own: a session bus and a home (jackdbus
// keeps ~/.config/jack/conf.xml and its log there).
struct Session {
    explicit Session(const std::string& what) : home(test::temporary_path(what + "-home")) {
        std::filesystem::create_directories(home);
    }
    ~Session() {
        std::error_code ignored;
        std::filesystem::remove_all(home, ignored);
    }
    std::map<std::string, std::string> environment() const {
        return {{"HOME", home},
                {"XDG_CONFIG_HOME", home + "/.config"},
                {"DBUS_SESSION_BUS_ADDRESS", bus.address()}};
    }
    // jack_control's output and exit status, as a transcript entry.
    std::string jack_control(const std::vector<std::string>& words) const {
        std::vector<std::string> argv{"jack_control"};
        argv.insert(argv.end(), words.begin(), words.end());
        auto result = test::run(argv, environment(), 60s);
        std::string line = "$ jack_control";
        for (const auto& word : words)
            line += " " + word;
        return line + "\n" + result.output + "exit " + std::to_string(result.exit.status) + "\n";
    }

    test::SessionBus bus;
    std::string home;
};

std::vector<std::string> jackdbus() {
    return {"jackdbus", "auto"};
}
std::vector<std::string> jack_server_dbus() {
    return {test::jack_server_binary(), "--dbus"};
}

// The commands the issue lists, in an order each server must follow alike:
// the server under a name of this test's own, so that tests running beside
// it are not disturbed. Not the calls that fail where jackdbus answers
// success (AValueLibjackserverRefusesIsAnError has those).
std::vector<std::vector<std::string>> scenario(const std::string& name) {
    return {{"status"},
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

namespace {

// jack-server --dbus in session until jack_control exit.
struct DbusServer {
    DbusServer(const Session& session, std::vector<std::string> argv = jack_server_dbus())
        : session(session), process(argv, session.environment()) {
        owned = test::wait_until([&] { return session.bus.has_owner(service); });
    }
    ~DbusServer() {
        if (owned)
            session.jack_control({"exit"});
        process.wait(20s);
    }
    const Session& session;
    test::Process process;
    bool owned = false;
};

} // namespace

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

namespace {

// One method call with busctl (much quicker than jack_control); whether it
// succeeded.
bool call(const Session& session, const std::string& interface, const std::string& method,
          const std::vector<std::string>& arguments = {}) {
    std::vector<std::string> argv{
        "busctl", "--address=" + session.bus.address(), "call",
        service,  "/org/jackaudio/Controller",          "org.jackaudio." + interface,
        method};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return test::run(argv, {}, 60s).exit.status == 0;
}

std::size_t entries(const std::string& folder) {
    std::size_t count = 0;
    std::error_code error;
    for (auto it = std::filesystem::directory_iterator(folder, error);
         it != std::filesystem::directory_iterator(); ++it)
        ++count;
    return count;
}

struct Footprint {
    std::size_t descriptors, threads, shm;
    std::uint64_t rss_kb;
    std::string targets; // what each descriptor is, for a failure's message
};

std::string descriptor_targets(const std::string& folder) {
    std::string text;
    std::error_code error;
    for (auto it = std::filesystem::directory_iterator(folder, error);
         it != std::filesystem::directory_iterator(); ++it)
        text += it->path().filename().string() + " -> " +
                std::filesystem::read_symlink(it->path(), error).string() + "\n";
    return text;
}

Footprint footprint(pid_t pid, const std::string& server_name) {
    auto proc = "/proc/" + std::to_string(pid);
    std::uint64_t rss = 0;
    std::istringstream status(test::read_file(proc + "/status"));
    for (std::string line; std::getline(status, line);)
        if (line.starts_with("VmRSS:"))
            rss = std::stoull(line.substr(6));
    std::size_t shm = 0;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/shm"))
        if (entry.path().filename().string().find(server_name) != std::string::npos)
            ++shm;
    return {entries(proc + "/fd"), entries(proc + "/task"), shm, rss,
            descriptor_targets(proc + "/fd")};
}

} // namespace

// A hundred StartServer/StopServer in one process, the driver changed every
// ten (dummy and the alsa driver on the test card, or without ALSA dummy at
// two periods): descriptors, threads and /dev/shm stay as they were after the
// first twenty, memory within 4 MB.
TEST(Dbus, AHundredStartsAndStopsLeaveNothingGrowing) {
    Session session("dbus-cycles");
    auto name = test::unique_server_name("dbus-cycles");
    std::optional<test::TestCard> card;
    if (!test::TestCard::unavailable())
        card.emplace("dbuscyclescard");
    auto environment = session.environment();
    if (card)
        environment["HOME"] = card->home();
    test::Process daemon(jack_server_dbus(), environment);
    ASSERT_TRUE(test::wait_until([&] { return session.bus.has_owner(service); }))
        << daemon.errors();
    auto set = [&](const std::vector<std::string>& address, const std::string& type,
                   const std::string& value) {
        std::vector<std::string> arguments{"asv", std::to_string(address.size())};
        arguments.insert(arguments.end(), address.begin(), address.end());
        arguments.insert(arguments.end(), {type, value});
        return call(session, "Configure", "SetParameterValue", arguments);
    };
    ASSERT_TRUE(set({"engine", "name"}, "s", name));
    ASSERT_TRUE(set({"engine", "realtime"}, "b", "false"));
    if (card) {
        ASSERT_TRUE(set({"drivers", "alsa", "device"}, "s", card->name()));
        ASSERT_TRUE(set({"drivers", "alsa", "period"}, "u", "256"));
    }
    auto choose = [&](int ten) {
        if (card)
            return set({"engine", "driver"}, "s", ten % 2 == 0 ? "dummy" : "alsa");
        return set({"engine", "driver"}, "s", "dummy") &&
               set({"driver", "period"}, "u", ten % 2 == 0 ? "256" : "512");
    };
    std::optional<Footprint> settled;
    const int cycles = 100;
    for (int cycle = 0; cycle < cycles; ++cycle) {
        if (cycle % 10 == 0)
            ASSERT_TRUE(choose(cycle / 10));
        ASSERT_TRUE(call(session, "JackControl", "StartServer"))
            << "cycle " << cycle << ": " << daemon.errors();
        ASSERT_TRUE(call(session, "JackControl", "StopServer")) << "cycle " << cycle;
        // Once each driver ran: the first alsa run connects the device
        // reservation to the session bus, for the process.
        if (cycle == 19)
            settled = footprint(daemon.pid(), name);
    }
    auto at_end = footprint(daemon.pid(), name);
    EXPECT_EQ(at_end.descriptors, settled->descriptors) << "after 20:\n"
                                                        << settled->targets << "at the end:\n"
                                                        << at_end.targets;
    EXPECT_EQ(at_end.threads, settled->threads);
    EXPECT_EQ(at_end.shm, settled->shm);
    EXPECT_LT(at_end.rss_kb, settled->rss_kb + 4096);
    std::cout << "after 20 cycles: " << settled->descriptors << " fds, " << settled->threads
              << " threads, " << settled->rss_kb << " kB; after " << cycles << ": "
              << at_end.descriptors << " fds, " << at_end.threads << " threads, " << at_end.rss_kb
              << " kB (" << (card ? "dummy and alsa" : "dummy") << ")\n";
    EXPECT_TRUE(call(session, "JackControl", "Exit"));
    auto exit = daemon.wait(30s);
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0);
}

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

// jackdbus cannot start the server again once its USB card was replugged
// (jackaudio/jack2 #722). With no --fallback, a lost card ends the run
// (ServerStopped; the process stays), and StartServer once the card is back
// serves on it again.
TEST(Dbus, StartsAgainOnACardThatCameBack) {
    SKIP_WITHOUT_TEST_CARD();
    Session session("dbus-replug");
    test::TestCard card("dbusreplugcard");
    auto name = test::unique_server_name("dbus-replug");
    auto environment = session.environment();
    environment["HOME"] = card.home();
    test::Process daemon({test::jack_server_binary(), "--dbus", "-n", name, "-d", "alsa", "-d",
                          card.name(), "-p", "256"},
                         environment);
    ASSERT_TRUE(test::wait_until([&] { return session.bus.has_owner(service); }))
        << daemon.errors();
    auto started = [&] {
        return test::run({"busctl", "--address=" + session.bus.address(), "call", service,
                          "/org/jackaudio/Controller", "org.jackaudio.JackControl", "IsStarted"})
                   .output == "b true\n";
    };
    ASSERT_TRUE(call(session, "JackControl", "StartServer")) << daemon.errors();
    EXPECT_TRUE(started());
    card.unplug();
    EXPECT_TRUE(test::wait_until([&] { return !started(); })) << "still started";
    EXPECT_TRUE(daemon.running());
    card.plug();
    ASSERT_TRUE(call(session, "JackControl", "StartServer")) << daemon.errors();
    auto ports = test::run({"jack_lsp"}, test::client_environment(name));
    EXPECT_THAT(ports.output, HasSubstr("system:playback_1")) << ports.errors;
    EXPECT_THAT(daemon.errors(), HasSubstr("the server's run ended with status 75"));
    EXPECT_TRUE(call(session, "JackControl", "Exit"));
    auto exit = daemon.wait(30s);
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0);
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
