// SPDX-License-Identifier: GPL-2.0-or-later
#include "cards/card_tree.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <regex>
#include <sstream>
#include <sys/stat.h>
#include <system_error>

namespace jack_server::detail {

namespace fs = std::filesystem;

namespace {

// The file's first line, without trailing blanks; empty when it cannot be read.
std::string first_line(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
        line.pop_back();
    return line;
}

std::optional<std::string> optional_line(const fs::path& file) {
    auto line = first_line(file);
    if (line.empty())
        return std::nullopt;
    return line;
}

std::optional<int> to_int(std::string_view text) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::string trimmed(std::string text) {
    auto first = text.find_first_not_of(" \t");
    auto last = text.find_last_not_of(" \t\n");
    return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

// /proc/asound/cards, written by the kernel (sound/core/init.c) as
//    "%2i [%-15s]: %s - %s\n" (index, id, driver, short name), then
//    "                      %s\n" (the long name).
std::vector<Card> parse_cards_file(const fs::path& file) {
    static const std::regex head(R"(^\s*(\d+) \[([^\]]*)\]: (.*?) - (.*)$)");
    std::vector<Card> cards;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        std::smatch match;
        if (std::regex_match(line, match, head)) {
            Card card;
            card.index = std::stoi(match[1]);
            card.id = trimmed(match[2]);
            card.driver = trimmed(match[3]);
            card.name = trimmed(match[4]);
            cards.push_back(std::move(card));
        } else if (!cards.empty() && cards.back().long_name.empty()) {
            cards.back().long_name = trimmed(line);
        }
    }
    return cards;
}

// /proc/asound/cardN/pcmDp/info and pcmDc/info (sound/core/pcm.c).
std::optional<PcmStream> parse_pcm_info(const fs::path& file, int device, bool playback) {
    std::ifstream in(file);
    if (!in)
        return std::nullopt;
    PcmStream pcm;
    pcm.device = device;
    pcm.playback = playback;
    std::string line;
    while (std::getline(in, line)) {
        auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        auto key = line.substr(0, colon);
        auto value = trimmed(line.substr(colon + 1));
        if (key == "id")
            pcm.id = value;
        else if (key == "name")
            pcm.name = value;
        else if (key == "subdevices_count")
            pcm.subdevices = to_int(value).value_or(1);
    }
    return pcm;
}

std::vector<PcmStream> read_pcms(const fs::path& card_dir) {
    static const std::regex name(R"(pcm(\d+)([pc]))");
    std::vector<PcmStream> pcms;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(card_dir, error)) {
        std::smatch match;
        auto file = entry.path().filename().string();
        if (!std::regex_match(file, match, name))
            continue;
        if (auto pcm = parse_pcm_info(entry.path() / "info", std::stoi(match[1]), match[2] == "p"))
            pcms.push_back(std::move(*pcm));
    }
    std::sort(pcms.begin(), pcms.end(), [](const PcmStream& a, const PcmStream& b) {
        return std::pair(a.device, !a.playback) < std::pair(b.device, !b.playback);
    });
    return pcms;
}

// The card's device under /sys/devices, as "devices/..." relative to sys.
std::optional<std::string> devices_path(const SystemRoots& roots, int index) {
    std::error_code error;
    auto device = fs::canonical(
        roots.sys / "class/sound" / ("card" + std::to_string(index)) / "device", error);
    if (error)
        return std::nullopt;
    auto sys = fs::canonical(roots.sys, error);
    if (error)
        return std::nullopt;
    auto relative = device.lexically_relative(sys);
    if (relative.empty() || *relative.begin() != "devices")
        return std::nullopt;
    return relative.generic_string();
}

// The USB device above the card's interface: the nearest folder up with an
// idVendor file.
void add_usb(Card& card, const fs::path& device) {
    std::error_code error;
    for (auto folder = device; folder.filename() != "devices" && folder.has_relative_path();
         folder = folder.parent_path()) {
        if (!fs::exists(folder / "idVendor", error))
            continue;
        card.usb_vendor = optional_line(folder / "idVendor");
        card.usb_product = optional_line(folder / "idProduct");
        card.serial = optional_line(folder / "serial");
        return;
    }
}

// /dev/snd/by-path/NAME -> ../controlC<N>, made by udev.
std::optional<std::string> by_path_link(const SystemRoots& roots, int index) {
    std::error_code error;
    auto control = "controlC" + std::to_string(index);
    for (const auto& entry : fs::directory_iterator(roots.dev / "snd/by-path", error)) {
        auto target = fs::read_symlink(entry.path(), error);
        if (!error && target.filename() == control)
            return entry.path().filename().string();
    }
    return std::nullopt;
}

void add_sysfs(Card& card, const SystemRoots& roots) {
    auto devices = devices_path(roots, card.index);
    if (devices) {
        card.sysfs_path = "/sys/" + *devices;
        add_usb(card, roots.sys / *devices);
    }
    // USB-audio writes the ids here too (sound/usb/card.c), even where sysfs
    // is not mounted.
    if (!card.usb_vendor) {
        auto usbid =
            first_line(roots.proc / "asound" / ("card" + std::to_string(card.index)) / "usbid");
        auto colon = usbid.find(':');
        if (colon != std::string::npos) {
            card.usb_vendor = usbid.substr(0, colon);
            card.usb_product = usbid.substr(colon + 1);
        }
    }
    if (auto link = by_path_link(roots, card.index))
        card.by_path = *link;
    else if (devices)
        card.by_path = path_id(*devices);
}

bool is_pci_name(const std::string& name) {
    static const std::regex pci(R"([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-9a-f])");
    return std::regex_match(name, pci);
}

// Whether the file a process has open (its /proc/PID/fd/N) is `path` as this
// process sees it: one in another mount namespace (a container's own
// /dev/snd) has the same name but is another file. Where either cannot be
// looked at (a recorded tree), the name decides.
bool same_file_here(const fs::path& open_file, const std::string& path) {
    struct stat held = {};
    struct stat here = {};
    if (::stat(open_file.c_str(), &held) != 0 || ::stat(path.c_str(), &here) != 0)
        return true;
    return held.st_dev == here.st_dev && held.st_ino == here.st_ino;
}

} // namespace

SystemRoots SystemRoots::under(const fs::path& root) {
    return {root / "proc", root / "sys", root / "dev"};
}

bool Card::has_playback() const {
    return std::any_of(pcms.begin(), pcms.end(), [](const PcmStream& p) { return p.playback; });
}

bool Card::has_capture() const {
    return std::any_of(pcms.begin(), pcms.end(), [](const PcmStream& p) { return !p.playback; });
}

std::string path_id(const std::string& devices_path) {
    // USB interfaces are named BUS-PORT[.PORT...]:CONFIG.INTERFACE.
    static const std::regex usb_interface(R"(\d+-([\d.]+):(\d+\.\d+))");
    std::string pci, usb;
    for (const auto& part : fs::path(devices_path)) {
        auto name = part.string();
        std::smatch match;
        if (is_pci_name(name))
            pci = name; // the nearest PCI device to the card counts
        else if (usb.empty() && std::regex_match(name, match, usb_interface))
            usb = "usb-0:" + match[1].str() + ":" + match[2].str();
    }
    std::string id = pci.empty() ? std::string() : "pci-" + pci;
    if (!usb.empty())
        id += (id.empty() ? "" : "-") + usb;
    return id;
}

std::vector<Card> read_cards(const SystemRoots& roots) {
    auto cards = parse_cards_file(roots.proc / "asound/cards");
    for (auto& card : cards) {
        auto dir = roots.proc / "asound" / ("card" + std::to_string(card.index));
        if (auto id = optional_line(dir / "id"))
            card.id = *id;
        card.pcms = read_pcms(dir);
        add_sysfs(card, roots);
    }
    return cards;
}

void add_holders(std::vector<Card>& cards, const SystemRoots& roots) {
    static const std::regex pcm_node(R"(/dev/snd/(pcmC(\d+)D\d+[pc]))");
    std::error_code error;
    for (const auto& process : fs::directory_iterator(roots.proc, error)) {
        auto pid = to_int(process.path().filename().string());
        if (!pid)
            continue;
        std::error_code fd_error;
        for (const auto& fd : fs::directory_iterator(process.path() / "fd", fd_error)) {
            std::error_code link_error;
            auto target = fs::read_symlink(fd.path(), link_error).string();
            std::smatch match;
            if (link_error || !std::regex_match(target, match, pcm_node) ||
                !same_file_here(fd.path(), target))
                continue;
            auto index = std::stoi(match[2]);
            for (auto& card : cards) {
                if (card.index != index)
                    continue;
                PcmHolder holder{*pid, first_line(process.path() / "comm"), match[1]};
                auto same = [&](const PcmHolder& h) {
                    return h.pid == holder.pid && h.device == holder.device;
                };
                if (std::none_of(card.holders.begin(), card.holders.end(), same))
                    card.holders.push_back(std::move(holder));
            }
        }
    }
    for (auto& card : cards)
        std::sort(card.holders.begin(), card.holders.end(),
                  [](const PcmHolder& a, const PcmHolder& b) {
                      return std::pair(a.pid, a.device) < std::pair(b.pid, b.device);
                  });
}

std::string identity_text(const Card& card) {
    std::string text = "id " + card.id;
    if (card.usb_vendor)
        text += ", usb:" + *card.usb_vendor + ":" + card.usb_product.value_or("?");
    if (card.serial)
        text += ", serial " + *card.serial;
    if (!card.by_path.empty())
        text += ", path:" + card.by_path;
    return text;
}

} // namespace jack_server::detail
