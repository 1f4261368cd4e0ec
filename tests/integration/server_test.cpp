// SPDX-License-Identifier: GPL-2.0-or-later
// The Python jack_server package's test scenarios, carried over to the C++ API.

#include "jack_server/error.hpp"
#include "jack_server/server.hpp"
#include "process.hpp"
#include "wait.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace jack_server;
using testing::HasSubstr;

namespace {

// A dummy-driver server that is cheap to start: no realtime, few ports.
ServerOptions dummy_options(const std::string& name) {
    ServerOptions options;
    options.driver = "dummy";
    options.name = name;
    options.realtime = false;
    return options;
}

Server small_server(const ServerOptions& options) {
    Server server(options);
    server.params().at("port-max").set_value(std::uint32_t{64});
    return server;
}

bool clients_can_connect(const std::string& name) {
    return test::run({"jack_lsp"}, test::client_environment(name)).exit.status == 0;
}

TEST(Server, StartAndStopAreIdempotent) {
    auto name = test::unique_server_name("idem");
    auto server = small_server(dummy_options(name));
    server.start();
    server.start();
    EXPECT_TRUE(server.is_started());
    EXPECT_TRUE(clients_can_connect(name));
    server.stop();
    server.stop();
    EXPECT_FALSE(server.is_open());
    EXPECT_FALSE(clients_can_connect(name));
}

TEST(Server, CanStartAgainAfterStop) {
    auto name = test::unique_server_name("again");
    auto server = small_server(dummy_options(name));
    server.start();
    server.stop();
    server.start();
    EXPECT_TRUE(clients_can_connect(name));
}

TEST(Server, NameSyncRealtimeRoundTripThroughParams) {
    Server server(dummy_options("roundtrip"));
    server.set_name("other");
    server.set_sync(true);
    server.set_realtime(true);
    EXPECT_EQ(server.name(), "other");
    EXPECT_TRUE(server.sync());
    EXPECT_TRUE(server.realtime());
    auto params = server.params();
    EXPECT_EQ(params.at("name").value(), ParameterValue(std::string("other")));
    EXPECT_EQ(params.at("sync").value(), ParameterValue(true));
    params.at("realtime").set_value(false);
    EXPECT_FALSE(server.realtime());
}

TEST(Server, DriverRateAndPeriodRoundTripThroughParams) {
    Server server(dummy_options("driver-roundtrip"));
    auto driver = server.driver();
    EXPECT_EQ(driver.name(), "dummy");
    EXPECT_EQ(driver.type(), DriverType::master);
    driver.set_rate(SampleRate::rate_44100);
    driver.set_period(256);
    EXPECT_EQ(driver.rate(), SampleRate::rate_44100);
    EXPECT_EQ(driver.period(), 256u);
    EXPECT_EQ(driver.params().at("rate").value(), ParameterValue(std::uint32_t{44100}));
    driver.params().at("period").set_value(std::uint32_t{128});
    EXPECT_EQ(driver.period(), 128u);
    driver.set_rate(SampleRate{96000});
    EXPECT_EQ(hz(driver.rate()), 96000u);
}

TEST(Server, ADriverWithoutAParameterSaysSo) {
    Server server(dummy_options("no-device"));
    EXPECT_THROW(
        {
            try {
                server.driver().set_device("hw:0");
            } catch (const ParameterError& e) {
                EXPECT_STREQ(e.what(), "driver 'dummy' has no parameter 'device'");
                throw;
            }
        },
        ParameterError);
    EXPECT_THROW(server.driver().nperiods(), ParameterError);
}

TEST(Server, EveryOptionStartsAndStops) {
    auto name = test::unique_server_name("every");
    ServerOptions options = dummy_options(name);
    options.sync = true;
    options.rate = SampleRate::rate_44100;
    options.period = 128;
    auto server = small_server(options);
    server.start();
    auto env = test::client_environment(name);
    EXPECT_EQ(test::run({"jack_samplerate"}, env).output, "44100\n");
    EXPECT_THAT(test::run({"jack_bufsize"}, env).output, HasSubstr("128"));
    server.stop();
}

TEST(Server, AlsaOptionsAreAccepted) {
    ServerOptions options;
    options.driver = "alsa";
    options.device = "null";
    options.rate = SampleRate::rate_48000;
    options.period = 256;
    options.nperiods = 3;
    Server server(options);
    EXPECT_EQ(server.driver().device(), "null");
    EXPECT_EQ(server.driver().nperiods(), 3u);
}

TEST(Server, UnknownDriverThrowsDriverNotFoundError) {
    ServerOptions options;
    options.driver = "nosuchdriver";
    EXPECT_THROW(Server{options}, DriverNotFoundError);
}

TEST(Server, ASlaveDriverCannotRunTheServer) {
    ServerOptions options;
    options.driver = "loopback";
    EXPECT_THROW(Server{options}, ParameterError);
}

TEST(Server, ListsDriversAndInternals) {
    Server server;
    std::vector<std::string> masters, slaves, internals;
    for (const auto& driver : server.drivers())
        (driver.type() == DriverType::master ? masters : slaves).push_back(driver.name());
    for (const auto& internal : server.internal_clients())
        internals.push_back(internal.name());
    EXPECT_THAT(masters, testing::IsSupersetOf({"alsa", "dummy", "net"}));
    EXPECT_THAT(slaves, testing::IsSupersetOf({"loopback", "alsarawmidi"}));
    EXPECT_THAT(internals, testing::Contains("netmanager"));
    EXPECT_THROW(server.driver(), DriverNotFoundError);
}

TEST(Server, AMissingDeviceFailsWithJacksReason) {
    ServerOptions options;
    options.driver = "alsa";
    options.name = test::unique_server_name("nodevice");
    options.device = "hw:99";
    options.realtime = false;
    Server server(options);
    try {
        server.start();
        FAIL() << "the server started";
    } catch (const ServerNotOpenedError& e) {
        EXPECT_THAT(e.what(), HasSubstr("with driver 'alsa'"));
        EXPECT_THAT(e.what(), HasSubstr("hw:99"));
    }
    EXPECT_FALSE(server.is_open());
}

TEST(Server, SlavesBeforeStartInternalClientsAfter) {
    auto name = test::unique_server_name("parts");
    auto server = small_server(dummy_options(name));
    EXPECT_THROW(server.add_loopback(2), ServerNotOpenedError);
    EXPECT_THROW(server.load_internal_client(server.get_internal_client("profiler")),
                 ServerNotOpenedError);
    server.open();
    server.add_loopback(2);
    server.start();
    EXPECT_THROW(server.add_slave(server.get_driver("loopback")), ServerNotOpenedError);
    server.load_internal_client(server.get_internal_client("profiler"));
    auto env = test::client_environment(name);
    EXPECT_THAT(test::run({"jack_lsp"}, env).output, HasSubstr("loopback:capture_2"));
    EXPECT_EQ(test::run({JACK_TEST_CLIENT, "has", "profiler"}, env).exit.status, 0);
    EXPECT_EQ(test::run({JACK_TEST_CLIENT, "has", "netmanager"}, env).exit.status, 1);
}

TEST(Server, SwitchMasterKeepsTheServerRunning) {
    auto name = test::unique_server_name("switch");
    auto server = small_server(dummy_options(name));
    EXPECT_THROW(server.switch_master(server.driver()), ServerNotStartedError);
    server.start();
    auto replacement = server.get_driver("dummy");
    replacement.set_period(256);
    server.switch_master(replacement);
    auto env = test::client_environment(name);
    EXPECT_TRUE(test::wait_until(
        [&] { return test::run({"jack_bufsize"}, env).output.find("256") != std::string::npos; }));
}

TEST(Server, MovingKeepsTheServerRunning) {
    auto name = test::unique_server_name("move");
    auto server = small_server(dummy_options(name));
    server.start();
    Server moved = std::move(server);
    EXPECT_TRUE(moved.is_started());
    EXPECT_FALSE(server.is_open());
    EXPECT_TRUE(clients_can_connect(name));
}

} // namespace
