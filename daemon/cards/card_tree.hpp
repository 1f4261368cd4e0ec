// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace jack_server::detail {

// Where the kernel's trees are: the live machine's, or a copy recorded from
// one (tests/data/cards/...), read the same way.
struct SystemRoots {
    std::filesystem::path proc = "/proc", sys = "/sys", dev = "/dev";
    // proc, sys and dev under root: a recorded machine.
    static SystemRoots under(const std::filesystem::path& root);
};

// One PCM device of a card in one direction (/proc/asound/cardN/pcmDp|c/info).
struct PcmStream {
    int device = 0;
    bool playback = true;
    std::string id, name; // "ALC892 Analog", "HDMI 0"
    int subdevices = 1;
};

// A process that has one of the card's PCM devices open
// (/proc/PID/fd -> /dev/snd/pcmC<N>D<D><p|c>).
struct PcmHolder {
    pid_t pid = 0;
    std::string command; // /proc/PID/comm
    std::string device;  // "pcmC1D0p"
};

// A sound card as the kernel shows it.
struct Card {
    int index = 0;
    std::string id;        // /proc/asound/cardN/id: "PCH", "USB", "Device_1"
    std::string driver;    // "HDA-Intel", "USB-Audio"
    std::string name;      // the short name: "HDA Intel PCH"
    std::string long_name; // "HDA Intel PCH at 0xf7f10000 irq 32"
    std::optional<std::string> usb_vendor, usb_product; // "1235", "8016"
    std::optional<std::string> serial;                  // the USB device's, when it has one
    std::string sysfs_path; // the card's device as the live machine names it: /sys/devices/...
    std::string by_path;    // udev's name for it: "pci-0000:00:14.0-usb-0:2:1.0"
    std::vector<PcmStream> pcms;
    std::vector<PcmHolder> holders; // filled by add_holders

    bool has_playback() const;
    bool has_capture() const;
    std::string hw() const { return "hw:" + std::to_string(index); }
};

// How to tell the card from others of its kind: "id USB, usb:1235:8016,
// serial Y8XH..., path:pci-0000:00:14.0-usb-0:2:1.0" (what it has of these).
std::string identity_text(const Card& card);

// The cards of /proc/asound/cards, in index order, with what sysfs and
// /dev/snd/by-path tell of each. Missing files leave fields empty; a machine
// with no sound card (or no /proc/asound) gives none. Never throws for a
// missing or unreadable file.
std::vector<Card> read_cards(const SystemRoots& roots);

// Fills each card's holders from /proc/PID/fd. Without root only this user's
// processes can be seen.
void add_holders(std::vector<Card>& cards, const SystemRoots& roots);

// udev's ID_PATH for a device under /sys/devices (its path_id builtin, for
// PCI and USB): "devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0" gives
// "pci-0000:00:14.0-usb-0:2:1.0". Used where udev made no /dev/snd/by-path link.
std::string path_id(const std::string& devices_path);

} // namespace jack_server::detail
