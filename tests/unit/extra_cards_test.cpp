// SPDX-License-Identifier: GPL-2.0-or-later
// The bridges an extra card runs, as their command lines: what zita-a2j and
// zita-j2a are asked for, and the names their ports go by.

#include "parts/extra_cards.hpp"

#include <gtest/gtest.h>

using namespace jack_server;
using namespace jack_server::detail;

namespace {

using Words = std::vector<std::string>;

TEST(ExtraCards, ABridgeRunsAtTheEnginesRateAndTheCardsSettings) {
    CardSpec mic{"mic", "hw:USB", {}, {}, {}, {}, {}, {}, "--card"};
    EXPECT_EQ(bridge_command(mic, true, "mic", 48000, 256, 2),
              (Words{"zita-a2j", "-j", "mic", "-d", "hw:USB", "-r", "48000", "-p", "256", "-n", "2",
                     "-c", "2"}));
    CardSpec tuned{"out", "hw:2,0", {}, true, 4, 128, 3, 64, "studio.toml:9"};
    EXPECT_EQ(bridge_command(tuned, false, "out", 44100, 1024, 4),
              (Words{"zita-j2a", "-j", "out", "-d", "hw:2,0", "-r", "44100", "-p", "128", "-n", "3",
                     "-c", "4", "-Q", "64"}));
}

// Two programs cannot both be client NAME: with a capture side, the
// playback bridge is NAME-playback, and its ports go by NAME:playback_N.
TEST(ExtraCards, ThePlaybackSideIsNamePlaybackBesideACaptureSide) {
    EXPECT_EQ(playback_client("mic", true), "mic-playback");
    EXPECT_EQ(playback_client("out", false), "out");
    CardSpec mic{"mic", "hw:1", {}, {}, {}, {}, {}, {}, ""};
    auto renames = playback_client_renames({mic});
    ASSERT_EQ(renames.size(), 1u);
    EXPECT_EQ(renames[0], (std::pair<std::string, std::string>{"mic-playback:", "mic:"}));
}

} // namespace
