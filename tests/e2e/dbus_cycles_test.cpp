// SPDX-License-Identifier: GPL-2.0-or-later
// The server started and stopped over D-Bus many times in one process,
// and again on a card that came back.

#include "dbus_session.hpp"
#include "test_card.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <optional>
#include <sstream>

using namespace test::dbus;
using testing::HasSubstr;

namespace {

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
