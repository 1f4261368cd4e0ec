// SPDX-License-Identifier: GPL-2.0-or-later
// The explanations of a failed start (daemon/explain/) as functions of what
// was found: the words a user reads for each case, including those the
// machine running the tests cannot show (sound cards, a stale registry slot,
// a power-of-two period to suggest).

#include "explain/explanations.hpp"
#include "explain/realtime_refused.hpp"
#include "files.hpp"

#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using namespace jack_server::detail;
using testing::HasSubstr;
using testing::Not;

// The corrected line as "-OPTION VALUE", to check which option is changed.
struct Changed : CorrectedLine {
    std::string with(char option, const std::string& value) const override {
        return std::string("-") + option + " " + value;
    }
};

TEST(Explain, TheCardsAndTheirHoldersAreDescribedOnce) {
    std::vector<Card> cards{{.index = 0, .id = "PCH", .name = "HDA Intel PCH"},
                            {.index = 1, .id = "USB", .name = "Scarlett 2i2 USB"}};
    EXPECT_EQ(describe_cards(cards), "hw:0 (PCH, HDA Intel PCH), hw:1 (USB, Scarlett 2i2 USB)");
    std::vector<PcmHolder> holders{{4242, "pulseaudio", "pcmC0D0p"},
                                   {4242, "pulseaudio", "pcmC0D0c"},
                                   {4300, "aplay", "pcmC0D3p"}};
    EXPECT_EQ(describe_holders(holders), "pid 4242 (pulseaudio), pid 4300 (aplay)");
}

TEST(Explain, NoSuchCardListsTheCardsThereAre) {
    std::vector<Card> cards{{.index = 0, .id = "PCH", .name = "HDA Intel PCH"},
                            {.index = 1, .id = "USB", .name = "Scarlett 2i2"}};
    EXPECT_EQ(explain_no_device("hw:2,0", cards),
              "there is no sound card 2 (-d hw:2,0); the cards here: hw:0 (PCH, HDA Intel PCH), "
              "hw:1 (USB, Scarlett 2i2); choose one with -d hw:N");
    EXPECT_THAT(explain_no_device("plughw:7", {}),
                HasSubstr("there is no sound card 7 (-d plughw:7); there is no sound card here: "
                          "try -d dummy"));
    EXPECT_THAT(explain_no_device("hw:USB", cards), HasSubstr("ALSA has no device 'hw:USB'"));
}

TEST(Explain, APeriodOutsideTheRangeSuggestsThePowerOfTwoNearestWithin) {
    PcmWanted wanted;
    wanted.period = 100;
    PcmFacts facts;
    facts.period = false;
    facts.periods = {64, 4096};
    EXPECT_THAT(*explain_unsupported("hw:1", wanted, facts, Changed()), HasSubstr("; -p 128"));
    wanted.period = 8192;
    EXPECT_THAT(*explain_unsupported("hw:1", wanted, facts, Changed()), HasSubstr("; -p 4096"));
    facts.periods = {96, 96};
    EXPECT_THAT(*explain_unsupported("hw:1", wanted, facts, Changed()),
                HasSubstr("(it takes only 96 frames at 48000 Hz); -p 96"));
}

TEST(Explain, NoFormatJackWritesSuggestsThePlugDevice) {
    PcmFacts facts;
    facts.format = false;
    EXPECT_THAT(*explain_unsupported("hw:1,0", {}, facts, Changed()), HasSubstr("-d plughw:1,0"));
    EXPECT_THAT(*explain_unsupported("usbcard", {}, facts, Changed()),
                HasSubstr("-d plug:usbcard"));
    EXPECT_FALSE(explain_unsupported("hw:1", {}, PcmFacts{}, Changed()));
}

TEST(Explain, TheRegistryFullSaysWhichSlotsAreGone) {
    std::vector<RegistrySlot> slots(registry_slots, {999999, "jack-0:x:", false});
    slots[0] = {1, "jack-0:init:", true};
    auto text = explain_registry_full(slots);
    EXPECT_THAT(text, HasSubstr("its limit of 8 servers is reached: 'init'"));
    EXPECT_THAT(text, HasSubstr("(pid 999999 gone)"));
    EXPECT_THAT(text, HasSubstr("or start one named as a gone one"));
}

TEST(Explain, RealtimeFixForWhereTheServerRuns) {
    SessionSetting setting;
    setting.user = "alice";
    setting.audio_group = true;
    setting.listed_in_audio = true;
    setting.session_in_audio = false;
    setting.limits_for_audio = true;
    EXPECT_EQ(explain_realtime_fix(setting),
              "alice is in group audio in /etc/group but this session is not: log out and in "
              "again (or run newgrp audio), or -r to run without realtime");
    setting.session_in_audio = true;
    EXPECT_THAT(explain_realtime_fix(setting),
                HasSubstr("group audio has a realtime limit in limits.d but this session has "
                          "not"));
    setting.listed_in_audio = false;
    setting.audio_group = false;
    setting.limits_for_audio = false;
    EXPECT_THAT(explain_realtime_fix(setting),
                HasSubstr("add alice to group audio (groupadd audio; usermod -aG audio alice)"));
    setting.unit = "studio.service";
    EXPECT_EQ(explain_realtime_fix(setting),
              "add LimitRTPRIO=95 and LimitMEMLOCK=infinity under [Service] in studio.service "
              "(systemctl edit), or -r to run without realtime");
}

} // namespace
