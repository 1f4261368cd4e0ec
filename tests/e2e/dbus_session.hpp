// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once
// What the D-Bus tests (dbus_*_test.cpp) share: a desktop session of the
// test's own (a private session bus with no service activation, and a
// home), the two servers compared (Debian's jackdbus and jack-server
// --dbus), and quick calls with busctl.

#include "binaries.hpp"
#include "files.hpp"
#include "process.hpp"
#include "session_bus.hpp"
#include "wait.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace test::dbus {

using namespace std::chrono_literals;

inline const std::string service = "org.jackaudio.service";

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

inline std::vector<std::string> jackdbus() {
    return {"jackdbus", "auto"};
}
inline std::vector<std::string> jack_server_dbus() {
    return {test::jack_server_binary(), "--dbus"};
}

// One method call with busctl (much quicker than jack_control); whether it
// succeeded.
inline bool call(const Session& session, const std::string& interface, const std::string& method,
                 const std::vector<std::string>& arguments = {}) {
    std::vector<std::string> argv{
        "busctl", "--address=" + session.bus.address(), "call",
        service,  "/org/jackaudio/Controller",          "org.jackaudio." + interface,
        method};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return test::run(argv, {}, 60s).exit.status == 0;
}

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

} // namespace test::dbus
