// SPDX-License-Identifier: GPL-2.0-or-later
// Xruns by client: a client that makes cycles late, beside one that keeps up,
// is named with its count in the exit summary and the stats file.

#include "daemon.hpp"
#include "files.hpp"

#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>

using test::Daemon;
using testing::HasSubstr;

namespace {

TEST(Xruns, TheLateClientIsNamedWithItsCountAndTheOneKeepingUpIsNot) {
    auto stats = test::temporary_path("xruns") + ".json";
    Daemon daemon(test::unique_server_name("xruns"),
                  {"--stats-file", stats, "-r", "-d", "dummy", "-p", "256"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    auto environment = test::client_environment(daemon.name());
    test::Process keeping_up({JACK_TEST_CLIENT, "watch", "5000"}, environment);
    ASSERT_TRUE(test::wait_until([&] { return keeping_up.output().starts_with("open"); }))
        << keeping_up.errors();
    // Late often enough to stand out from a loaded machine's odd late cycle:
    // beside two busy loops on two cores, without realtime, the client that
    // keeps up was found late up to 3 times.
    test::Process late({JACK_TEST_CLIENT, "late", "8"}, environment);
    ASSERT_TRUE(test::wait_until([&] {
        return late.output().find("late 8\n") != std::string::npos;
    })) << late.output()
        << late.errors();
    auto late_name = "late-" + std::to_string(late.pid());
    auto keeping_up_name = "watch-" + std::to_string(keeping_up.pid());
    // The server stops first: a client that closes mid-cycle is found late
    // too (JACK reports it "Triggered").
    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit && exit->status == 0) << daemon.errors();
    for (auto* client : {&late, &keeping_up}) {
        client->signal(SIGTERM);
        ASSERT_TRUE(client->wait());
    }

    EXPECT_THAT(daemon.errors(), HasSubstr("(late: " + late_name + " "));
    std::ifstream in(stats);
    auto figures = nlohmann::json::parse(in);
    ASSERT_TRUE(figures["xruns_late"].contains(late_name)) << figures.dump();
    auto late_times = figures["xruns_late"][late_name].get<std::uint64_t>();
    EXPECT_GE(late_times, 8u) << figures.dump();
    // Without realtime, a loaded machine may make the other late now and
    // then; never as often as the one that sleeps in its callback.
    if (figures["xruns_late"].contains(keeping_up_name))
        EXPECT_LT(figures["xruns_late"][keeping_up_name].get<std::uint64_t>(), late_times)
            << figures.dump();
    // Every xrun is counted once: against the client found late, or the driver.
    std::uint64_t all_late = 0;
    for (const auto& [client, times] : figures["xruns_late"].items())
        all_late += times.get<std::uint64_t>();
    EXPECT_EQ(figures["xruns"].get<std::uint64_t>(),
              all_late + figures["xruns_driver"].get<std::uint64_t>())
        << figures.dump();
    std::filesystem::remove(stats);
}

} // namespace
