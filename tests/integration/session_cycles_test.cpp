// SPDX-License-Identifier: GPL-2.0-or-later
// One process runs the server again and again with every part (what a D-Bus
// controller's StartServer/StopServer does): nothing may grow from run to run.

#include "config/config.hpp"
#include "jack_server/server.hpp"
#include "limits.hpp"
#include "os/event_loop.hpp"
#include "process/notifier.hpp"
#include "session.hpp"
#include "wait.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>

using namespace jack_server;
namespace fs = std::filesystem;

namespace {

std::size_t entries(const fs::path& folder) {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder))
        ++count;
    return count;
}

std::uint64_t rss_kb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("VmRSS:"))
            return std::stoull(line.substr(6));
    return 0;
}

// What each descriptor is, for a failure's message.
std::string descriptor_targets() {
    std::string text;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator("/proc/self/fd"))
        text += entry.path().filename().string() + " → " +
                fs::read_symlink(entry.path(), error).string() + "\n";
    return text;
}

// The files of a server in /dev/shm: those that name it. Other tests may
// run servers beside this one in the same /dev/shm.
std::size_t shm_files_of(const std::string& server_name) {
    std::size_t count = 0;
    for (const auto& entry : fs::directory_iterator("/dev/shm"))
        if (entry.path().filename().string().find(server_name) != std::string::npos)
            ++count;
    return count;
}

struct Footprint {
    std::size_t descriptors, threads, shm, runtime;
    std::uint64_t rss_kb;
};

Footprint footprint(const std::string& server_name, const fs::path& runtime) {
    return {entries("/proc/self/fd"), entries("/proc/self/task"), shm_files_of(server_name),
            entries(runtime), rss_kb()};
}

// Every part a run can have: -- COMMAND (which ends each run), a kept
// connection, the fallback, the reloader, -T's client watch.
Config every_part(const std::string& name) {
    Config config;
    config.server["name"] = {name, "test"};
    config.server["realtime"] = {false, "test"};
    config.server["port-max"] = {std::uint32_t{64}, "test"};
    config.server["temporary"] = {true, "test"};
    config.driver.name = "dummy";
    config.driver.params["period"] = {std::uint32_t{256}, "test"};
    config.connections.push_back({"system:capture_1", "system:playback_1"});
    config.daemon.fallback = "dummy";
    config.command = {"true"};
    config.reread = [config] { return config; };
    return config;
}

TEST(SessionCycles, AHundredRunsWithEveryPartLeaveNothingGrowing) {
    auto runtime = fs::path(::testing::TempDir()) / test::unique_server_name("runtime");
    fs::create_directories(runtime);
    ::setenv("XDG_RUNTIME_DIR", runtime.c_str(), 1);
    // Before any thread: the loop's signals are blocked in all of them.
    auto loop =
        detail::make_event_loop({SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, SIGCHLD});
    detail::Notifier notifier(std::nullopt, std::nullopt);
    detail::Limits limits;
    auto name = test::unique_server_name("cycles");
    auto config = every_part(name);
    Server server(std::vector<std::string>{"dummy"});
    constexpr int runs = 100, settled = 10;
    Footprint after_settling{};
    for (int run = 1; run <= runs; ++run) {
        ASSERT_EQ(detail::run_session(server, config, {*loop, notifier, nullptr, limits, true}), 0)
            << "run " << run;
        if (run == settled)
            after_settling = footprint(name, runtime);
    }
    auto at_end = footprint(name, runtime);
    EXPECT_EQ(at_end.descriptors, after_settling.descriptors) << descriptor_targets();
    EXPECT_EQ(at_end.threads, after_settling.threads);
    EXPECT_EQ(at_end.shm, after_settling.shm);
    EXPECT_EQ(at_end.runtime, after_settling.runtime);
    // Allocators keep some slack; a leak of a client a run would be megabytes.
    EXPECT_LT(at_end.rss_kb, after_settling.rss_kb + 4096)
        << "RSS " << after_settling.rss_kb << " kB after " << settled << " runs, " << at_end.rss_kb
        << " kB after " << runs;
    RecordProperty("rss_kb_after_settling", std::to_string(after_settling.rss_kb));
    RecordProperty("rss_kb_at_end", std::to_string(at_end.rss_kb));
    std::cout << "after " << settled << " runs: " << after_settling.descriptors << " fds, "
              << after_settling.threads << " threads, " << after_settling.rss_kb << " kB; after "
              << runs << ": " << at_end.descriptors << " fds, " << at_end.threads << " threads, "
              << at_end.rss_kb << " kB\n";
    server = Server();
    EXPECT_EQ(entries(runtime), 0u) << "the plugin folder outlived its server";
    fs::remove_all(runtime);
}

} // namespace
