// SPDX-License-Identifier: GPL-2.0-or-later
// A Config applied to a real server: what the daemon does between parse and run.

#include "config/config_apply.hpp"
#include "jack_server/error.hpp"
#include "process.hpp"
#include "wait.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace jack_server;
using testing::HasSubstr;

namespace {

Config dummy_config(const std::string& name) {
    Config config;
    config.server["name"] = {std::string(name), "test"};
    config.server["realtime"] = {false, "test"};
    config.server["port-max"] = {std::uint32_t{64}, "test"};
    config.driver.name = "dummy";
    return config;
}

TEST(ConfigApply, SetsServerAndDriverParameters) {
    auto config = dummy_config("apply");
    config.driver.params["rate"] = {std::uint32_t{44100}, "-r/--rate"};
    Server server;
    apply_parameters(server, config);
    EXPECT_EQ(server.name(), "apply");
    EXPECT_EQ(server.driver().name(), "dummy");
    EXPECT_EQ(server.driver().rate(), SampleRate::rate_44100);
    EXPECT_TRUE(server.driver().params().at("rate").is_set());
    EXPECT_FALSE(server.driver().params().at("period").is_set());
}

TEST(ConfigApply, ARefusedValueNamesItsOrigin) {
    auto config = dummy_config("origin");
    config.server["realtime-priority"] = {std::int32_t{200}, "studio.toml:3"};
    Server server;
    try {
        apply_parameters(server, config);
        FAIL() << "accepted";
    } catch (const ParameterError& e) {
        EXPECT_THAT(e.what(), HasSubstr("invalid value '200' for studio.toml:3"));
    }
}

TEST(ConfigApply, LoadsComponentsAndDescribesTheServer) {
    auto name = test::unique_server_name("components");
    auto config = dummy_config(name);
    config.loopback_ports = 2;
    config.internals.push_back({"profiler", {}});
    Server server;
    apply_parameters(server, config);
    server.open();
    add_slaves(server, config);
    server.start();
    load_internals(server, config);
    // A client may be refused while the internal client is still activating
    // on a loaded machine: ask until the deadline.
    EXPECT_TRUE(test::wait_until([&] {
        auto ports = test::run({"jack_lsp"}, test::client_environment(name)).output;
        return ports.find("loopback:playback_2") != std::string::npos;
    }));
    EXPECT_EQ(describe(server), "server '" + name +
                                    "': driver dummy, rate 48000 Hz, period 1024 frames, "
                                    "not realtime");
}

TEST(ConfigApply, DescribeNamesASeparatePlaybackDevice) {
    Config config;
    config.driver.name = "alsa";
    config.driver.params["playback"] = {std::string("plughw:1"), "-P"};
    config.driver.params["capture"] = {std::string("none"), "-C"};
    Server server;
    apply_parameters(server, config);
    EXPECT_THAT(describe(server), HasSubstr("driver alsa, device hw:0, playback device plughw:1, "
                                            "rate 48000 Hz"));
    EXPECT_THAT(describe(server), testing::Not(HasSubstr("capture device")));
}

TEST(ConfigApply, AMissingSessionFileFailsToStart) {
    auto config = dummy_config(test::unique_server_name("session"));
    config.session_file = "/nonexistent/session.txt";
    Server server;
    apply_parameters(server, config);
    server.start();
    EXPECT_THROW(load_internals(server, config), ServerNotStartedError);
}

} // namespace
