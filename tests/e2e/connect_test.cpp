// SPDX-License-Identifier: GPL-2.0-or-later
// Connections the daemon keeps ([[connect]], --connect): made once both ports
// exist, made again when a client comes back, changed by a reload, and a rule
// that matches nothing reported by SIGUSR1 and the stats file.

#include "daemon.hpp"
#include "files.hpp"
#include "notify_socket.hpp"

#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <memory>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <unistd.h>

using test::ConfigFile;
using test::Daemon;
using testing::HasSubstr;
using testing::Not;

namespace {

// The connections jack_lsp -c lists for port: the indented lines under it.
std::vector<std::string> connections_of(const Daemon& daemon, const std::string& port) {
    auto output = daemon.client({"jack_lsp", "-c", port}).output;
    std::vector<std::string> found;
    std::istringstream lines(output);
    std::string line;
    while (std::getline(lines, line))
        if (line.starts_with("   "))
            found.push_back(line.substr(3));
    return found;
}

bool connected(const Daemon& daemon, const std::string& from, const std::string& to) {
    auto found = connections_of(daemon, from);
    return std::find(found.begin(), found.end(), to) != found.end();
}

// Whether the notify socket saw a reload begin and end (the messages before
// it are the start's: READY=1, STATUS=).
bool reloaded(test::NotifySocket& socket) {
    bool reloading = false;
    for (auto message = socket.next(); !message.empty(); message = socket.next()) {
        reloading = reloading || message == "RELOADING=1";
        if (reloading && message == "READY=1")
            return true;
    }
    return false;
}

std::unique_ptr<test::Process> metro(const Daemon& daemon, const std::string& name) {
    return std::make_unique<test::Process>(
        std::vector<std::string>{"jack_metro", "-b", "120", "-n", name},
        test::client_environment(daemon.name()));
}

TEST(Connect, AClientThatComesBackIsConnectedAgain) {
    auto name = test::unique_client_name("metro");
    auto port = name + ":120_bpm";
    Daemon daemon(test::unique_server_name("connect-again"),
                  {"--connect", name + ":*=system:playback_*", "-d", "dummy"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    for (int round = 1; round <= 2; ++round) {
        auto client = metro(daemon, name);
        // One port to two: connected to both.
        EXPECT_TRUE(test::wait_until([&] {
            return connected(daemon, port, "system:playback_1") &&
                   connected(daemon, port, "system:playback_2");
        })) << daemon.errors();
        client->signal(SIGKILL);
        client->wait();
        EXPECT_TRUE(test::wait_until([&] { return connections_of(daemon, port).empty(); }));
    }
    // Logged once per connection made: twice for each port, one a round.
    auto errors = daemon.errors();
    std::size_t made = 0;
    for (auto at = errors.find("connected " + port + " → system:playback_1");
         at != std::string::npos;
         at = errors.find("connected " + port + " → system:playback_1", at + 1))
        ++made;
    EXPECT_EQ(made, 2u) << errors;
}

TEST(Connect, PatternsPairPortsInOrder) {
    // Three capture ports to two playback ports: 1 → 1, 2 → 2, 3 left out.
    Daemon daemon(
        test::unique_server_name("connect-pairs"),
        {"--connect", "system:capture_*=system:playback_*", "-d", "dummy", "-C", "3", "-P", "2"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    EXPECT_TRUE(test::wait_until([&] {
        return connected(daemon, "system:capture_2", "system:playback_2");
    })) << daemon.errors();
    EXPECT_EQ(connections_of(daemon, "system:capture_1"),
              std::vector<std::string>{"system:playback_1"});
    EXPECT_EQ(connections_of(daemon, "system:capture_2"),
              std::vector<std::string>{"system:playback_2"});
    EXPECT_TRUE(connections_of(daemon, "system:capture_3").empty());
}

std::string setup(const std::string& connects) {
    return "[server]\nrealtime = false\n[driver]\nname = \"dummy\"\ncapture = 2\nplayback = 2\n" +
           connects;
}

std::string connect(const std::string& from, const std::string& to) {
    return "[[connect]]\nfrom = \"" + from + "\"\nto = \"" + to + "\"\n";
}

TEST(Connect, AReloadAddsAndRemovesEntries) {
    ConfigFile file("connect-reload");
    file.write(setup(connect("system:capture_1", "system:playback_1")));
    Daemon daemon(test::unique_server_name("connect-reload"), {"--config", file.path()});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    EXPECT_TRUE(test::wait_until([&] {
        return connected(daemon, "system:capture_1", "system:playback_1");
    })) << daemon.errors();

    file.write(setup(connect("system:capture_2", "system:playback_1")));
    daemon.signal(SIGHUP);
    EXPECT_TRUE(test::wait_until([&] {
        return connected(daemon, "system:capture_2", "system:playback_1") &&
               !connected(daemon, "system:capture_1", "system:playback_1");
    })) << daemon.errors();
    EXPECT_TRUE(daemon.running());
}

// A master-driver switch registers the driver's ports again: a port the new
// driver adds is connected too, which no saved connection could restore.
TEST(Connect, KeptAcrossAMasterDriverSwitch) {
    auto name = test::unique_client_name("metro");
    auto port = name + ":120_bpm";
    ConfigFile file("connect-switch");
    file.write(setup(connect(name + ":*", "system:playback_*")));
    test::NotifySocket socket;
    Daemon daemon(test::unique_server_name("connect-switch"), {"--config", file.path()},
                  {{"NOTIFY_SOCKET", socket.path()}});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    auto client = metro(daemon, name);
    EXPECT_TRUE(test::wait_until([&] { return connections_of(daemon, port).size() == 2; }))
        << daemon.errors();

    file.write("[server]\nrealtime = false\n[driver]\nname = \"dummy\"\ncapture = 2\n"
               "playback = 3\n" +
               connect(name + ":*", "system:playback_*"));
    daemon.signal(SIGHUP);
    // Done once READY=1 follows RELOADING=1, as systemd reads them.
    EXPECT_TRUE(reloaded(socket)) << daemon.errors();
    EXPECT_TRUE(test::wait_until([&] {
        return connections_of(daemon, port) == std::vector<std::string>{"system:playback_1",
                                                                        "system:playback_2",
                                                                        "system:playback_3"};
    })) << daemon.errors();
}

TEST(Connect, AnEntryThatMatchesNothingIsListedNotLogged) {
    auto stats = std::filesystem::temp_directory_path() /
                 ("jack-server-connect-stats-" + std::to_string(getpid()) + ".json");
    Daemon daemon(
        test::unique_server_name("connect-none"),
        {"--connect", "nobody:*=system:playback_*", "--stats-file", stats.string(), "-d", "dummy"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    daemon.signal(SIGUSR1);
    EXPECT_TRUE(daemon.wait_logged("unmatched connect nobody:* → system:playback_*"))
        << daemon.errors();
    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit && exit->status == 0) << daemon.errors();
    EXPECT_THAT(daemon.errors(), Not(HasSubstr("no port matches")));
    std::ifstream in(stats);
    auto figures = nlohmann::json::parse(in);
    EXPECT_EQ(figures["connect_unmatched"],
              nlohmann::json::array({"nobody:* → system:playback_*"}));
    std::filesystem::remove(stats);
}

} // namespace
