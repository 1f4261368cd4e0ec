// SPDX-License-Identifier: GPL-2.0-or-later
// Devices named by identity (usb:, id:, path:), matched against the recorded
// machines of tests/data/cards.
#include "cards/device_identity.hpp"
#include "config/device_spec.hpp"

#include <gtest/gtest.h>

namespace {

using namespace jack_server;
using detail::SystemRoots;

SystemRoots machine(const std::string& name) {
    return SystemRoots::under(std::filesystem::path(JACK_SERVER_CARD_TREES) / name);
}

std::string resolve(const std::string& name, const std::string& device) {
    auto roots = machine(name);
    auto spec = parse_device_spec(device, "-d");
    if (!spec)
        return device;
    return detail::resolve_among(*spec, detail::read_cards(roots), roots);
}

std::string refusal(const std::string& name, const std::string& device) {
    try {
        resolve(name, device);
    } catch (const DeviceNotFoundError& e) {
        return std::string(e.what()) + " | " + e.hint();
    }
    return "resolved";
}

TEST(DeviceSpec, ReadsEachKindAndTheSuffix) {
    auto usb = parse_device_spec("usb:1235:8016:Y8A1KQ5160E3C4,0", "-d");
    ASSERT_TRUE(usb);
    EXPECT_EQ(usb->kind, DeviceSpec::Kind::usb);
    EXPECT_EQ(usb->vendor, "1235");
    EXPECT_EQ(usb->product, "8016");
    EXPECT_EQ(usb->serial, "Y8A1KQ5160E3C4");
    EXPECT_EQ(usb->suffix, ",0");
    auto upper = parse_device_spec("usb:0D8C:0014", "-d");
    EXPECT_EQ(upper->vendor, "0d8c");
    EXPECT_FALSE(upper->serial);
    auto id = parse_device_spec("id:PCH,3,1", "-P");
    EXPECT_EQ(id->kind, DeviceSpec::Kind::id);
    EXPECT_EQ(id->value, "PCH");
    EXPECT_EQ(id->suffix, ",3,1");
    auto path = parse_device_spec("path:pci-0000:00:14.0-usb-0:2:1.0", "-d");
    EXPECT_EQ(path->kind, DeviceSpec::Kind::path);
    EXPECT_EQ(path->value, "pci-0000:00:14.0-usb-0:2:1.0");
    EXPECT_FALSE(parse_device_spec("hw:1,0", "-d"));
    EXPECT_FALSE(parse_device_spec("plughw:PCH", "-d"));
}

TEST(DeviceSpec, MalformedIsOneLineNamingTheValue) {
    for (const char* bad : {"usb:", "usb:123:8016", "usb:1235", "usb:1235:80g6", "usb:1235:8016:",
                            "id:", "id:a b", "path:", "id:PCH,x", "id:PCH,1,2,3"}) {
        try {
            parse_device_spec(bad, "-d");
            ADD_FAILURE() << bad << " was accepted";
        } catch (const ParameterError& e) {
            EXPECT_NE(
                std::string(e.what()).find(std::string("invalid device '") + bad + "' for -d"),
                std::string::npos)
                << e.what();
        }
    }
}

TEST(DeviceIdentity, UsbCardByIdsIdAndPath) {
    EXPECT_EQ(resolve("usb_card", "usb:0d8c:0014"), "hw:1");
    EXPECT_EQ(resolve("usb_card", "usb:0d8c:0014,0"), "hw:1,0");
    EXPECT_EQ(resolve("usb_card", "id:Device"), "hw:1");
    EXPECT_EQ(resolve("usb_card", "id:PCH"), "hw:0");
    EXPECT_EQ(resolve("usb_card", "path:pci-0000:00:14.0-usb-0:2:1.0"), "hw:1");
    EXPECT_EQ(resolve("usb_card", "path:/dev/snd/by-path/pci-0000:00:1f.3"), "hw:0");
    // sysfs: the USB device above the card's interface, the card itself, its class link.
    EXPECT_EQ(resolve("usb_card", "path:/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2"), "hw:1");
    EXPECT_EQ(resolve("usb_card", "path:/sys/class/sound/card1"), "hw:1");
    EXPECT_EQ(resolve("usb_card", "hw:5"), "hw:5"); // not an identity: as given
}

TEST(DeviceIdentity, TwoIdenticalCardsToldApartBySerialOrPort) {
    EXPECT_EQ(resolve("two_usb", "usb:1235:8016:Y8A1KQ5160E3C4"), "hw:1");
    EXPECT_EQ(resolve("two_usb", "usb:1235:8016:Y8A2PW2173A1B9"), "hw:2");
    EXPECT_EQ(resolve("two_usb", "path:pci-0000:00:14.0-usb-0:3.2:1.0"), "hw:2");
    EXPECT_EQ(resolve("two_usb", "path:/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1"), "hw:1");
    EXPECT_EQ(resolve("two_usb", "usb:0763:3a13"), "hw:3"); // the MIDI keyboard beside them
    EXPECT_EQ(refusal("two_usb", "usb:1235:8016"),
              "device usb:1235:8016 matches 2 cards: hw:1 (Scarlett 2i2 USB, id USB, "
              "usb:1235:8016, serial Y8A1KQ5160E3C4, path:pci-0000:00:14.0-usb-0:1:1.0); hw:2 "
              "(Scarlett 2i2 USB, id USB_1, usb:1235:8016, serial Y8A2PW2173A1B9, "
              "path:pci-0000:00:14.0-usb-0:3.2:1.0) | add the serial "
              "(usb:VENDOR:PRODUCT:SERIAL) or name the USB port (path:BY_PATH)");
    // The USB port of the hub holds only the second.
    EXPECT_EQ(resolve("two_usb", "path:/sys/devices/pci0000:00/0000:00:14.0/usb1/1-3"), "hw:2");
    // The controller holds all three.
    EXPECT_NE(refusal("two_usb", "path:/sys/devices/pci0000:00/0000:00:14.0").find("matches 3"),
              std::string::npos);
}

TEST(DeviceIdentity, RenumberedCardIsStillFound) {
    // The same HDMI machine: the PCH is hw:1 here, where hw:0 is the GPU's HDMI.
    EXPECT_EQ(resolve("pci_hdmi", "id:PCH"), "hw:1");
    EXPECT_EQ(resolve("pci_hdmi", "id:HDMI,3"), "hw:0,3");
    EXPECT_EQ(resolve("pci_hdmi", "path:pci-0000:00:1b.0"), "hw:1");
}

TEST(DeviceIdentity, NoMatchNamesTheValueAndTheCards) {
    EXPECT_EQ(refusal("pci_hdmi", "usb:0d8c:0014"),
              "device usb:0d8c:0014: no sound card matches | cards: hw:0 (HDA Intel HDMI, id "
              "HDMI, path:pci-0000:00:03.0); hw:1 (HDA Intel PCH, id PCH, "
              "path:pci-0000:00:1b.0); 'jack-server --list cards' tells more");
    EXPECT_EQ(refusal("usb_card", "usb:0d8c:0014:ABC"),
              "device usb:0d8c:0014:ABC: no sound card matches | cards: hw:0 (HDA Intel PCH, id "
              "PCH, path:pci-0000:00:1f.3); hw:1 (USB Audio Device, id Device, usb:0d8c:0014, "
              "path:pci-0000:00:14.0-usb-0:2:1.0); 'jack-server --list cards' tells more");
    auto empty = testing::TempDir() + "/no_cards_here";
    std::filesystem::create_directories(empty);
    auto roots = SystemRoots::under(empty);
    try {
        detail::resolve_among(*parse_device_spec("id:PCH", "-d"), {}, roots);
        ADD_FAILURE();
    } catch (const DeviceNotFoundError& e) {
        EXPECT_EQ(e.hint(), "there is no sound card: try -d dummy");
    }
}

} // namespace
