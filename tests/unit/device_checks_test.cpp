// SPDX-License-Identifier: GPL-2.0-or-later
// --doctor's device checks against the recorded machines of tests/data/cards:
// the faults found before anything is opened (no such card, no such
// direction: card 0 is the GPU's HDMI output).

#include "cards/bus_names.hpp"
#include "doctor/device_checks.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using namespace jack_server;
using namespace jack_server::detail;
using testing::HasSubstr;

std::vector<Card> machine(const std::string& name) {
    return read_cards(SystemRoots::under(std::filesystem::path(JACK_SERVER_CARD_TREES) / name));
}

PluginConfig alsa(std::map<std::string, std::string> params) {
    PluginConfig driver{"alsa", {}};
    for (const auto& [name, value] : params)
        driver.params[name] = Setting{value, "-" + name};
    return driver;
}

TEST(DeviceChecks, Hw0IsTheHdmiCardWithNoDevice0AndNoCapture) {
    BusNames bus;
    auto findings =
        check_alsa_devices(alsa({{"device", "hw:0"}}), machine("pci_hdmi"), bus, 48000, 256);
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_EQ(findings[0].topic, "device hw:0 (playback)");
    EXPECT_EQ(findings[0].level, Finding::Level::failure);
    EXPECT_EQ(findings[0].said, "card hw:0 HDA Intel HDMI (id HDMI, path:pci-0000:00:03.0) has no "
                                "playback device 0");
    EXPECT_EQ(findings[0].fix, "playback devices: hw:0,3, hw:0,7, hw:0,8, hw:1,0, hw:1,1; give "
                               "-P DEVICE for playback only or -C DEVICE for capture only");
    EXPECT_EQ(findings[1].said, "card hw:0 HDA Intel HDMI (id HDMI, path:pci-0000:00:03.0) has no "
                                "capture device 0");
    EXPECT_THAT(findings[1].fix, HasSubstr("capture devices: hw:1,0, hw:1,2;"));
}

TEST(DeviceChecks, ACardThatIsNotThereNamesTheCardsThatAre) {
    BusNames bus;
    auto findings =
        check_alsa_devices(alsa({{"device", "hw:5"}}), machine("usb_card"), bus, 48000, 256);
    ASSERT_EQ(findings.size(), 1u); // said once for both directions
    EXPECT_EQ(findings[0].topic, "device hw:5");
    EXPECT_EQ(
        findings[0].said,
        "there is no card 5; the cards: hw:0 HDA Intel PCH (id PCH, path:pci-0000:00:1f.3); "
        "hw:1 USB Audio Device (id Device, usb:0d8c:0014, path:pci-0000:00:14.0-usb-0:2:1.0)");
    EXPECT_THAT(findings[0].fix, HasSubstr("jack-server --list cards"));
    // By id too, and on a machine with none: -d dummy.
    auto none = check_alsa_devices(alsa({{"playback", "hw:PCH"}}), {}, bus, 48000, 256);
    ASSERT_EQ(none.size(), 1u);
    EXPECT_EQ(none[0].said, "there is no card PCH: this machine has no sound card");
    EXPECT_EQ(none[0].fix, "try -d dummy (no card needed), or plug a card in");
}

TEST(DeviceChecks, CardsAndTheirHolders) {
    BusNames bus;
    auto cards = machine("usb_card");
    add_holders(cards,
                SystemRoots::under(std::filesystem::path(JACK_SERVER_CARD_TREES) / "usb_card"));
    auto findings = check_cards(cards, bus, true);
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_EQ(findings[1].topic, "card hw:1");
    EXPECT_THAT(findings[1].said, HasSubstr("playback+capture: held by pulseaudio[812]"));
    EXPECT_EQ(findings[1].level, Finding::Level::ok);
}

} // namespace
