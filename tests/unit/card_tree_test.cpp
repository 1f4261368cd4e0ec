// SPDX-License-Identifier: GPL-2.0-or-later
// The card list read from /proc/asound, sysfs and /dev/snd/by-path trees as
// real kernels lay them out (tests/data/cards/README.md says how they were made).
#include "card_listing.hpp"
#include "cards/card_tree.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

using namespace jack_server::detail;

SystemRoots machine(const std::string& name) {
    return SystemRoots::under(std::filesystem::path(JACK_SERVER_CARD_TREES) / name);
}

TEST(CardTree, UsbCardBesideTheOnboardCodec) {
    auto cards = read_cards(machine("usb_card"));
    ASSERT_EQ(cards.size(), 2u);
    const auto& pch = cards[0];
    EXPECT_EQ(pch.index, 0);
    EXPECT_EQ(pch.id, "PCH");
    EXPECT_EQ(pch.driver, "HDA-Intel");
    EXPECT_EQ(pch.name, "HDA Intel PCH");
    EXPECT_EQ(pch.long_name, "HDA Intel PCH at 0xf7f10000 irq 32");
    EXPECT_FALSE(pch.usb_vendor);
    EXPECT_EQ(pch.sysfs_path, "/sys/devices/pci0000:00/0000:00:1f.3");
    EXPECT_EQ(pch.by_path, "pci-0000:00:1f.3");

    const auto& usb = cards[1];
    EXPECT_EQ(usb.hw(), "hw:1");
    EXPECT_EQ(usb.id, "Device");
    EXPECT_EQ(usb.name, "USB Audio Device");
    EXPECT_EQ(usb.usb_vendor, "0d8c");
    EXPECT_EQ(usb.usb_product, "0014");
    EXPECT_FALSE(usb.serial); // a cheap dongle has none
    EXPECT_EQ(usb.sysfs_path, "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0");
    EXPECT_EQ(usb.by_path, "pci-0000:00:14.0-usb-0:2:1.0");
    ASSERT_EQ(usb.pcms.size(), 2u);
    EXPECT_TRUE(usb.pcms[0].playback);
    EXPECT_FALSE(usb.pcms[1].playback);
    EXPECT_EQ(usb.pcms[0].name, "USB Audio");
    EXPECT_TRUE(usb.has_playback() && usb.has_capture());
}

TEST(CardTree, HoldersAreTheProcessesWithThePcmOpen) {
    auto roots = machine("usb_card");
    auto cards = read_cards(roots);
    add_holders(cards, roots);
    ASSERT_EQ(cards[1].holders.size(), 2u); // playback and capture, not the control device
    EXPECT_EQ(cards[1].holders[0].pid, 812);
    EXPECT_EQ(cards[1].holders[0].command, "pulseaudio");
    EXPECT_EQ(cards[1].holders[0].device, "pcmC1D0c");
    EXPECT_EQ(cards[1].holders[1].device, "pcmC1D0p");
    ASSERT_EQ(cards[0].holders.size(), 1u);
    EXPECT_EQ(cards[0].holders[0].command, "aplay");
    EXPECT_EQ(cards[0].holders[0].pid, 1290);
}

TEST(CardTree, TwoIdenticalUsbCardsHaveTheirOwnSerialAndPort) {
    auto cards = read_cards(machine("two_usb"));
    ASSERT_EQ(cards.size(), 4u);
    EXPECT_EQ(cards[1].id, "USB");
    EXPECT_EQ(cards[2].id, "USB_1"); // the kernel's name for the second of one id
    EXPECT_EQ(cards[1].name, cards[2].name);
    EXPECT_EQ(cards[1].usb_product, cards[2].usb_product);
    EXPECT_EQ(cards[1].serial, "Y8A1KQ5160E3C4");
    EXPECT_EQ(cards[2].serial, "Y8A2PW2173A1B9");
    // No udev in this machine: the by-path names are computed as udev would.
    EXPECT_EQ(cards[1].by_path, "pci-0000:00:14.0-usb-0:1:1.0");
    EXPECT_EQ(cards[2].by_path, "pci-0000:00:14.0-usb-0:3.2:1.0"); // behind a hub
    // A USB MIDI keyboard is a card too, with no PCM device.
    EXPECT_EQ(cards[3].id, "Keystation");
    EXPECT_EQ(cards[3].usb_vendor, "0763");
    EXPECT_TRUE(cards[3].pcms.empty());
    EXPECT_FALSE(cards[3].has_playback() || cards[3].has_capture());
}

TEST(CardTree, HdmiCardIsPlaybackOnlyWithItsDeviceNumbers) {
    auto cards = read_cards(machine("pci_hdmi"));
    ASSERT_EQ(cards.size(), 2u);
    const auto& hdmi = cards[0];
    EXPECT_EQ(hdmi.id, "HDMI");
    EXPECT_TRUE(hdmi.has_playback());
    EXPECT_FALSE(hdmi.has_capture());
    ASSERT_EQ(hdmi.pcms.size(), 3u);
    EXPECT_EQ(hdmi.pcms[0].device, 3);
    EXPECT_EQ(hdmi.pcms[1].device, 7);
    EXPECT_EQ(hdmi.pcms[2].device, 8);
    EXPECT_EQ(hdmi.pcms[2].name, "HDMI 2");
    const auto& pch = cards[1];
    ASSERT_EQ(pch.pcms.size(), 4u); // 0p 0c 1p 2c
    EXPECT_EQ(pch.pcms[3].device, 2);
    EXPECT_FALSE(pch.pcms[3].playback);
    EXPECT_EQ(pch.by_path, "pci-0000:00:1b.0");
}

TEST(CardTree, NoSoundCardGivesNone) {
    auto empty = testing::TempDir() + "/no_cards";
    std::filesystem::create_directories(empty);
    EXPECT_TRUE(read_cards(SystemRoots::under(empty)).empty());
}

TEST(CardTree, PathIdAsUdevNamesIt) {
    EXPECT_EQ(path_id("devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0"),
              "pci-0000:00:14.0-usb-0:2:1.0");
    EXPECT_EQ(path_id("devices/pci0000:00/0000:00:1c.4/0000:3a:00.0/usb3/3-1/3-1.4/3-1.4:1.1"),
              "pci-0000:3a:00.0-usb-0:1.4:1.1");
    EXPECT_EQ(path_id("devices/pci0000:00/0000:00:1f.3"), "pci-0000:00:1f.3");
    // A Raspberry Pi's USB behind a platform device: no PCI part.
    EXPECT_EQ(path_id("devices/platform/scb/fd500000.pcie/usb1/1-1/1-1.3/1-1.3:1.0"),
              "usb-0:1.3:1.0");
}

// The listing of a recorded machine, its PCMs not opened (so "no device").
std::vector<CardReport> reports(const std::string& name) {
    auto roots = machine(name);
    auto cards = read_cards(roots);
    add_holders(cards, roots);
    std::vector<CardReport> out;
    for (auto& card : cards) {
        CardReport report;
        for (std::size_t i = 0; i < card.pcms.size(); ++i)
            report.pcms.push_back(PcmReport{{}, "Device or resource busy", {}, {}});
        report.card = std::move(card);
        out.push_back(std::move(report));
    }
    out[0].pcms[0] = PcmReport{PcmCapabilities{2, 2, 44100, 192000, 16, 16384, true}, {}, {}, {}};
    out[1].reservation = BusOwner{"PulseAudio", 812};
    return out;
}

TEST(CardListing, TextIsOneLineForEachDeviceAndDirection) {
    std::ostringstream out;
    jack_server::cli::print_cards(out, reports("usb_card"), false);
    EXPECT_EQ(out.str(),
              "hw:0,0\tplayback\tPCH\t'HDA Intel PCH'\t-\t-\tpci-0000:00:1f.3\t2..2\t"
              "44100..192000\t16..16384\tmmap\taplay[1290]\n"
              "hw:0,0\tcapture\tPCH\t'HDA Intel PCH'\t-\t-\tpci-0000:00:1f.3\tbusy\tbusy\tbusy\t"
              "busy\taplay[1290]\n"
              "hw:1,0\tplayback\tDevice\t'USB Audio Device'\tusb:0d8c:0014\t-\t"
              "pci-0000:00:14.0-usb-0:2:1.0\tbusy\tbusy\tbusy\tbusy\t"
              "pulseaudio[812],reserved:PulseAudio\n"
              "hw:1,0\tcapture\tDevice\t'USB Audio Device'\tusb:0d8c:0014\t-\t"
              "pci-0000:00:14.0-usb-0:2:1.0\tbusy\tbusy\tbusy\tbusy\t"
              "pulseaudio[812],reserved:PulseAudio\n");
}

TEST(CardListing, ACardWithoutPcmHasOneLine) {
    std::ostringstream out;
    jack_server::cli::print_cards(out, reports("two_usb"), false);
    EXPECT_THAT(out.str(), testing::EndsWith("\nhw:3\t-\tKeystation\t'Keystation 49 MK3'\t"
                                             "usb:0763:3a13\t-\tpci-0000:00:14.0-usb-0:4:1.0\t-"
                                             "\t-\t-\t-\t-\n"));
}

TEST(CardListing, JsonHasEveryField) {
    auto json = jack_server::cli::cards_json(reports("two_usb"));
    ASSERT_EQ(json["cards"].size(), 4u);
    EXPECT_TRUE(json["cards"][3]["pcms"].empty());
    EXPECT_FALSE(json["cards"][3]["playback"]);
    const auto& second = json["cards"][2];
    EXPECT_EQ(second["index"], 2);
    EXPECT_EQ(second["hw"], "hw:2");
    EXPECT_EQ(second["id"], "USB_1");
    EXPECT_EQ(second["usb"]["vendor"], "1235");
    EXPECT_EQ(second["usb"]["product"], "8016");
    EXPECT_EQ(second["usb"]["serial"], "Y8A2PW2173A1B9");
    EXPECT_EQ(second["by_path"], "pci-0000:00:14.0-usb-0:3.2:1.0");
    EXPECT_EQ(second["sysfs_path"],
              "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3.2/1-3.2:1.0");
    EXPECT_TRUE(second["playback"]);
    EXPECT_TRUE(second["capture"]);
    EXPECT_EQ(second["pcms"][0]["error"], "Device or resource busy");
    EXPECT_TRUE(second["pcms"][0]["channels"].is_null());
    const auto& first = json["cards"][0];
    EXPECT_EQ(first["pcms"][0]["rates"]["max"], 192000);
    EXPECT_EQ(first["pcms"][0]["mmap"], true);
    EXPECT_TRUE(first["usb"].is_null());
    EXPECT_EQ(json["cards"][1]["reservation"]["application"], "PulseAudio");
    EXPECT_EQ(json["cards"][1]["reservation"]["pid"], 812);
}

} // namespace
