// SPDX-License-Identifier: GPL-2.0-or-later
#include "cards/device_identity.hpp"

#include "log.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace jack_server {

namespace detail {

namespace fs = std::filesystem;

namespace {

bool same_hex(const std::optional<std::string>& value, const std::string& wanted) {
    if (!value || value->size() != wanted.size())
        return false;
    return std::equal(value->begin(), value->end(), wanted.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
    });
}

bool matches_usb(const DeviceSpec& spec, const Card& card) {
    return same_hex(card.usb_vendor, spec.vendor) && same_hex(card.usb_product, spec.product) &&
           (!spec.serial || card.serial == spec.serial);
}

// A path under /sys as the live machine names it, links followed: a user may
// give /sys/class/sound/card1 or /sys/bus/usb/devices/1-2.
std::string sysfs_name(const std::string& given, const SystemRoots& roots) {
    std::error_code error;
    auto inside = roots.sys / fs::path(given).lexically_relative("/sys");
    auto real = fs::canonical(inside, error);
    auto sys = fs::canonical(roots.sys, error);
    if (error)
        return fs::path(given).lexically_normal().generic_string();
    return (fs::path("/sys") / real.lexically_relative(sys)).generic_string();
}

bool under(const std::string& path, const std::string& folder) {
    auto trimmed = folder;
    while (trimmed.size() > 1 && trimmed.back() == '/')
        trimmed.pop_back();
    return path == trimmed || path.starts_with(trimmed + "/");
}

bool matches_path(const DeviceSpec& spec, const Card& card, const SystemRoots& roots) {
    const auto& given = spec.value;
    if (given.starts_with("/sys/")) {
        if (card.sysfs_path.empty())
            return false;
        // The card itself (/sys/class/sound/cardN) or a device above it: its
        // USB device, its port, its PCI function.
        auto name = sysfs_name(given, roots);
        return under(card.sysfs_path, name) ||
               name == sysfs_name("/sys/class/sound/card" + std::to_string(card.index), roots);
    }
    auto by_path = fs::path(given).filename().string();
    return !card.by_path.empty() && card.by_path == by_path;
}

std::string describe(const Card& card) {
    return fmt::format("{} ({}, {})", card.hw(), card.name, identity_text(card));
}

std::string all_cards(const std::vector<Card>& cards) {
    if (cards.empty())
        return "there is no sound card: try -d dummy";
    std::vector<std::string> each;
    for (const auto& card : cards)
        each.push_back(describe(card));
    return fmt::format("cards: {}; 'jack-server --list cards' tells more", fmt::join(each, "; "));
}

} // namespace

std::vector<const Card*> matching_cards(const DeviceSpec& spec, const std::vector<Card>& cards,
                                        const SystemRoots& roots) {
    std::vector<const Card*> found;
    for (const auto& card : cards) {
        bool match = false;
        switch (spec.kind) {
        case DeviceSpec::Kind::usb:
            match = matches_usb(spec, card);
            break;
        case DeviceSpec::Kind::id:
            match = card.id == spec.value;
            break;
        case DeviceSpec::Kind::path:
            match = matches_path(spec, card, roots);
            break;
        }
        if (match)
            found.push_back(&card);
    }
    return found;
}

std::string resolve_among(const DeviceSpec& spec, const std::vector<Card>& cards,
                          const SystemRoots& roots) {
    auto found = matching_cards(spec, cards, roots);
    if (found.size() == 1)
        return found.front()->hw() + spec.suffix;
    if (found.empty())
        throw DeviceNotFoundError(fmt::format("device {}: no sound card matches", spec.text),
                                  all_cards(cards));
    std::vector<std::string> each;
    for (const auto* card : found)
        each.push_back(describe(*card));
    throw DeviceNotFoundError(
        fmt::format("device {} matches {} cards: {}", spec.text, found.size(),
                    fmt::join(each, "; ")),
        spec.kind == DeviceSpec::Kind::usb && !spec.serial
            ? "add the serial (usb:VENDOR:PRODUCT:SERIAL) or name the USB port (path:BY_PATH)"
            : "name the USB port (path:BY_PATH) to tell them apart");
}

} // namespace detail

std::string resolve_device(const std::string& device) {
    auto spec = parse_device_spec(device, "the device");
    if (!spec)
        return device;
    detail::SystemRoots roots;
    return detail::resolve_among(*spec, detail::read_cards(roots), roots);
}

PluginConfig with_devices_resolved(const PluginConfig& driver, std::set<std::string>* said) {
    if (driver.name != "alsa")
        return driver;
    auto resolved = driver;
    for (const char* name : {"device", "playback", "capture"}) {
        auto setting = resolved.params.find(name);
        if (setting == resolved.params.end())
            continue;
        auto* text = std::get_if<std::string>(&setting->second.value);
        if (text == nullptr || !is_device_spec(*text))
            continue;
        auto hw = resolve_device(*text);
        auto line = fmt::format("device {} is {}", *text, hw);
        if (said == nullptr || said->insert(line).second)
            log::info("{}", line);
        *text = hw;
    }
    return resolved;
}

} // namespace jack_server
