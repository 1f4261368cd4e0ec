// SPDX-License-Identifier: GPL-2.0-or-later
// The late client read from JACK's error lines (JackEngine::CheckXRun).

#include "engine/late_clients.hpp"

#include <gtest/gtest.h>

using jack_server::detail::late_client_named;
using jack_server::detail::LateClients;

TEST(LateClients, ReadsTheNameFromBothOfJacksLines) {
    EXPECT_EQ(late_client_named("JackEngine::XRun: client = ardour was not finished, state = "
                                "Triggered"),
              "ardour");
    EXPECT_EQ(late_client_named("JackEngine::XRun: client carla finished after current callback"),
              "carla");
}

TEST(LateClients, KeepsANameWithSpacesAndCommas) {
    EXPECT_EQ(late_client_named("JackEngine::XRun: client = a, b was not finished, state = "
                                "Running"),
              "a, b");
}

TEST(LateClients, IgnoresOtherLines) {
    EXPECT_FALSE(late_client_named("JackAudioDriver::ProcessAsync: read error, skip cycle"));
    EXPECT_FALSE(late_client_named("JackEngine::XRun: client = "));
    EXPECT_FALSE(late_client_named("JackEngine::XRun: client  finished after current callback"));
}

TEST(LateClients, CountsByNameMostFirst) {
    LateClients late;
    for (auto* line :
         {"JackEngine::XRun: client = b was not finished, state = Triggered",
          "JackEngine::XRun: client a finished after current callback",
          "JackEngine::XRun: client = a was not finished, state = Triggered", "Some other error"})
        late.note(line);
    auto counts = late.counts();
    ASSERT_EQ(counts.size(), 2u);
    EXPECT_EQ(counts[0].name, "a");
    EXPECT_EQ(counts[0].times, 2u);
    EXPECT_EQ(counts[1].name, "b");
    EXPECT_EQ(late.total(), 3u);
    late.reset();
    EXPECT_TRUE(late.counts().empty());
}
