// SPDX-License-Identifier: GPL-2.0-or-later
// How [[connect]] patterns pick and pair ports.

#include "parts/patchbay.hpp"

#include <gtest/gtest.h>

namespace {

using jack_server::ConnectRule;
using jack_server::detail::natural_less;
using jack_server::detail::PortPair;
using jack_server::detail::wanted_pairs;

const std::vector<std::string> outputs = {"system:capture_10", "system:capture_2",
                                          "system:capture_1", "metro:120_bpm"};
const std::vector<std::string> inputs = {"system:playback_1", "system:playback_2",
                                         "system:playback_10"};

TEST(Patchbay, ComparesNumbersAsNumbers) {
    EXPECT_TRUE(natural_less("system:playback_2", "system:playback_10"));
    EXPECT_FALSE(natural_less("system:playback_10", "system:playback_2"));
    EXPECT_TRUE(natural_less("a:out_L", "a:out_R"));
    EXPECT_FALSE(natural_less("a:x", "a:x"));
}

TEST(Patchbay, PatternsPairInOrder) {
    EXPECT_EQ(
        wanted_pairs(ConnectRule{"system:capture_*", "system:playback_*", ""}, outputs, inputs),
        (std::vector<PortPair>{{"system:capture_1", "system:playback_1"},
                               {"system:capture_2", "system:playback_2"},
                               {"system:capture_10", "system:playback_10"}}));
}

TEST(Patchbay, OnePortGoesToEveryPortOfTheOtherSide) {
    EXPECT_EQ(wanted_pairs(ConnectRule{"metro:*", "system:playback_*", ""}, outputs, inputs),
              (std::vector<PortPair>{{"metro:120_bpm", "system:playback_1"},
                                     {"metro:120_bpm", "system:playback_2"},
                                     {"metro:120_bpm", "system:playback_10"}}));
}

TEST(Patchbay, PlainNamesAndNoMatch) {
    EXPECT_EQ(
        wanted_pairs(ConnectRule{"system:capture_2", "system:playback_1", ""}, outputs, inputs),
        (std::vector<PortPair>{{"system:capture_2", "system:playback_1"}}));
    EXPECT_TRUE(
        wanted_pairs(ConnectRule{"nobody:*", "system:playback_*", ""}, outputs, inputs).empty());
    // An input port is never a source.
    EXPECT_TRUE(
        wanted_pairs(ConnectRule{"system:playback_1", "system:playback_2", ""}, outputs, inputs)
            .empty());
}

} // namespace
