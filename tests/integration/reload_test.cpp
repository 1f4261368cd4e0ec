// SPDX-License-Identifier: GPL-2.0-or-later
// reload() on a running server: what SIGHUP does, called as a daemon loop would.

#include "config/config_apply.hpp"
#include "engine/reload.hpp"
#include "process.hpp"
#include "wait.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace jack_server;
using testing::ElementsAre;
using testing::HasSubstr;

namespace {

Config dummy_config(const std::string& name, std::uint32_t period) {
    Config config;
    config.server["name"] = {std::string(name), "test"};
    config.server["realtime"] = {false, "test"};
    config.server["port-max"] = {std::uint32_t{64}, "test"};
    config.driver.name = "dummy";
    config.driver.params["period"] = {period, "studio.toml:7"};
    return config;
}

class Reload : public testing::Test {
protected:
    void start(const Config& config) {
        apply_parameters(server, config);
        server.start();
    }
    std::string bufsize() { return test::run({"jack_bufsize"}, env).output; }

    std::string name = test::unique_server_name("reload-lib");
    std::map<std::string, std::string> env = test::client_environment(name);
    Server server;
};

TEST_F(Reload, TheSameConfigChangesNothing) {
    auto config = dummy_config(name, 256);
    start(config);
    auto result = reload(server, config, config);
    EXPECT_TRUE(result.applied.empty());
    EXPECT_TRUE(result.needs_restart.empty());
    EXPECT_EQ(result.error, "");
    EXPECT_FALSE(result.server_lost);
}

TEST_F(Reload, AnotherPeriodSwitchesTheDriverAndSaysWhereItCameFrom) {
    auto running = dummy_config(name, 256);
    start(running);
    auto wanted = dummy_config(name, 128);
    wanted.server["port-max"] = {std::uint32_t{128}, "studio.toml:3"};
    auto result = reload(server, running, wanted);
    EXPECT_THAT(result.applied, ElementsAre("driver dummy: period 256 → 128 (studio.toml:7)"));
    EXPECT_THAT(result.needs_restart, ElementsAre("port-max 64 → 128 (studio.toml:3)"));
    EXPECT_EQ(std::get<std::uint32_t>(result.running.driver.params.at("period").value), 128u);
    // The running config keeps the port-max the server runs with.
    EXPECT_EQ(std::get<std::uint32_t>(result.running.server.at("port-max").value), 64u);
    EXPECT_EQ(bufsize(), "128\n");
}

TEST_F(Reload, SlavesAndInternalsNeedARestart) {
    auto running = dummy_config(name, 256);
    start(running);
    auto wanted = running;
    wanted.internals.push_back({"profiler", {}});
    wanted.loopback_ports = 2;
    auto result = reload(server, running, wanted);
    EXPECT_THAT(result.needs_restart,
                ElementsAre("internal clients [] → [profiler]", "loopback 0 → 2"));
    EXPECT_TRUE(result.applied.empty());
}

} // namespace
