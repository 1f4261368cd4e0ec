// SPDX-License-Identifier: GPL-2.0-or-later
// A client loads and unloads every installed internal client at runtime
// (jack_load, jack_unload) on jack-server exactly as it can on jackd: the
// private plugin directory jack-server starts with must not hide them.

#include "binaries.hpp"
#include "daemon.hpp"

#include <future>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sstream>

namespace {

using namespace std::chrono_literals;

using test::Process;

// What happened to one internal client on one server.
struct Outcome {
    int load = -1;                  // jack_load's exit status
    std::optional<int> unload;      // jack_unload's, when it finished in time
    bool gone_after_unload = false; // no client of that name was left
};

std::ostream& operator<<(std::ostream& out, const Outcome& outcome) {
    out << "load " << outcome.load << ", unload "
        << (outcome.unload ? std::to_string(*outcome.unload) : std::string("hung"))
        << (outcome.gone_after_unload ? ", gone" : ", still there");
    return out;
}

std::vector<std::string> installed_internals() {
    auto listed = test::run({test::jack_server_binary(), "--list", "internals"});
    EXPECT_EQ(listed.exit.status, 0) << listed.errors;
    std::vector<std::string> names;
    std::istringstream lines(listed.output);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty())
            names.push_back(line);
    return names;
}

// Loads and unloads each plugin as "<plugin>-<pid>" on the server of that name.
std::map<std::string, Outcome> load_and_unload(const std::string& server,
                                               const std::vector<std::string>& plugins) {
    auto env = test::client_environment(server);
    std::map<std::string, Outcome> outcomes;
    for (const auto& plugin : plugins) {
        auto client = test::unique_client_name(plugin);
        Outcome outcome;
        outcome.load = test::run({"jack_load", client, plugin}, env).exit.status;
        try {
            // jack_unload can hang in its own close after the unload is done.
            outcome.unload = test::run({"jack_unload", client}, env, 8s).exit.status;
        } catch (const std::runtime_error&) {
        }
        outcome.gone_after_unload =
            test::run({JACK_TEST_CLIENT, "has", client}, env).exit.status == 1;
        outcomes[plugin] = outcome;
    }
    return outcomes;
}

// Starts a server with `argv`, then loads and unloads every plugin on it.
// Empty when the server never served, with why on stderr.
std::map<std::string, Outcome> on_server(const std::string& name, std::vector<std::string> argv,
                                         const std::vector<std::string>& plugins) {
    Process server(std::move(argv), test::client_environment(name));
    if (!test::wait_until([&] { return test::serving(name) || !server.running(); }) ||
        !server.running()) {
        ADD_FAILURE() << name << " never served: " << server.errors();
        return {};
    }
    auto outcomes = load_and_unload(name, plugins);
    server.signal(SIGTERM);
    auto exit = server.wait(30s);
    EXPECT_TRUE(exit && exit->exited() && exit->status == 0)
        << name << " did not stop cleanly: " << server.errors();
    return outcomes;
}

TEST(InternalClients, EachInstalledOneLoadsAndUnloadsAtRuntimeAsOnJackd) {
    auto plugins = installed_internals();
    ASSERT_FALSE(plugins.empty());
    auto ours_name = test::unique_server_name("internals");
    auto jackd_name = test::unique_server_name("internals-jackd");
    // The two servers run side by side; JACK's tools still take turns (ClientLock).
    auto jackd = std::async(std::launch::async, [&] {
        return on_server(jackd_name, {"jackd", "-n", jackd_name, "-r", "-d", "dummy"}, plugins);
    });
    auto ours = on_server(
        ours_name, {test::jack_server_binary(), "-n", ours_name, "-r", "-d", "dummy"}, plugins);
    auto theirs = jackd.get();
    ASSERT_EQ(ours.size(), plugins.size());
    ASSERT_EQ(theirs.size(), plugins.size());

    int loaded = 0;
    for (const auto& plugin : plugins) {
        const auto& mine = ours.at(plugin);
        const auto& jackds = theirs.at(plugin);
        // Some need hardware (an ALSA card) and fail on both; the same failure is fine.
        EXPECT_EQ(mine.load, jackds.load)
            << plugin << ": jack-server " << mine << "; jackd " << jackds;
        EXPECT_TRUE(mine.gone_after_unload) << plugin << ": " << mine;
        if (mine.unload && jackds.unload)
            EXPECT_EQ(*mine.unload, *jackds.unload)
                << plugin << ": jack-server " << mine << "; jackd " << jackds;
        loaded += jackds.load == 0 ? 1 : 0;
    }
    // The comparison means something only if jackd loads some of them here.
    EXPECT_GT(loaded, 0) << "jackd loaded no internal client";
}

} // namespace
