// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/suggest.hpp"

#include <gtest/gtest.h>

using jack_server::did_you_mean;

TEST(Suggest, FindsTheNearName) {
    EXPECT_EQ(did_you_mean("--prot-max", {"--port-max", "--name"}), "--port-max");
    EXPECT_EQ(did_you_mean("dumy", {"alsa", "dummy", "net"}), "dummy");
    EXPECT_EQ(did_you_mean("--rat", {"--rate", "--period"}), "--rate");
}

TEST(Suggest, StaysQuietWhenNothingIsNear) {
    EXPECT_EQ(did_you_mean("--foo", {"--port-max", "--name"}), std::nullopt);
    EXPECT_EQ(did_you_mean("coreaudio", {"alsa", "dummy"}), std::nullopt);
}
