// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/device_spec.hpp"

#include "jack_server/error.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace jack_server {

namespace {

constexpr std::string_view usb_prefix = "usb:", id_prefix = "id:", path_prefix = "path:";

bool is_hex4(std::string_view text) {
    return text.size() == 4 && std::all_of(text.begin(), text.end(),
                                           [](unsigned char c) { return std::isxdigit(c) != 0; });
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

[[noreturn]] void malformed(std::string_view text, const std::string& spelled,
                            std::string_view expected) {
    throw ParameterError(
        fmt::format("invalid device '{}' for {}: expected {}", text, spelled, expected),
        "'jack-server --list cards' shows each card's USB ids, id and path");
}

// ",DEV[,SUBDEV]": digits after each comma.
bool is_suffix(std::string_view suffix) {
    if (suffix.empty())
        return true;
    std::size_t start = 0;
    int parts = 0;
    while (start < suffix.size()) {
        if (suffix[start] != ',' || ++parts > 2)
            return false;
        auto end = suffix.find(',', start + 1);
        auto digits =
            suffix.substr(start + 1, end == std::string_view::npos ? end : end - start - 1);
        if (digits.empty() || !std::all_of(digits.begin(), digits.end(),
                                           [](unsigned char c) { return std::isdigit(c) != 0; }))
            return false;
        start = end == std::string_view::npos ? suffix.size() : end;
    }
    return true;
}

void parse_usb(DeviceSpec& spec, std::string_view body, std::string_view text,
               const std::string& spelled) {
    constexpr std::string_view expected =
        "usb:VENDOR:PRODUCT[:SERIAL] with four hex digits each, e.g. usb:1235:8016";
    auto first = body.find(':');
    if (first == std::string_view::npos)
        malformed(text, spelled, expected);
    auto second = body.find(':', first + 1);
    auto vendor = body.substr(0, first);
    auto product = body.substr(first + 1, second == std::string_view::npos ? std::string_view::npos
                                                                           : second - first - 1);
    if (!is_hex4(vendor) || !is_hex4(product))
        malformed(text, spelled, expected);
    spec.vendor = lower(vendor);
    spec.product = lower(product);
    if (second != std::string_view::npos) {
        auto serial = body.substr(second + 1);
        if (serial.empty())
            malformed(text, spelled, expected);
        spec.serial = std::string(serial);
    }
}

} // namespace

bool is_device_spec(std::string_view text) noexcept {
    return text.starts_with(usb_prefix) || text.starts_with(id_prefix) ||
           text.starts_with(path_prefix);
}

std::optional<DeviceSpec> parse_device_spec(std::string_view text, const std::string& spelled) {
    if (!is_device_spec(text))
        return std::nullopt;
    DeviceSpec spec;
    spec.text = std::string(text);
    // The ",DEV" suffix: neither USB ids, card ids nor device paths hold a
    // comma, so the first comma starts it.
    auto comma = text.find(',');
    std::string_view head = text.substr(0, comma);
    if (comma != std::string_view::npos) {
        spec.suffix = std::string(text.substr(comma));
        if (!is_suffix(spec.suffix))
            malformed(text, spelled, "a device number after the comma, e.g. id:PCH,3");
    }
    if (head.starts_with(usb_prefix)) {
        spec.kind = DeviceSpec::Kind::usb;
        parse_usb(spec, head.substr(usb_prefix.size()), text, spelled);
    } else if (head.starts_with(id_prefix)) {
        spec.kind = DeviceSpec::Kind::id;
        spec.value = std::string(head.substr(id_prefix.size()));
        if (spec.value.empty() || spec.value.find_first_of(": /") != std::string::npos)
            malformed(text, spelled, "id:CARDID, the card's id as /proc/asound/cards shows it");
    } else {
        spec.kind = DeviceSpec::Kind::path;
        spec.value = std::string(head.substr(path_prefix.size()));
        if (spec.value.empty())
            malformed(text, spelled,
                      "path: and a /dev/snd/by-path name or a /sys/devices path, e.g. "
                      "path:pci-0000:00:14.0-usb-0:2:1.0");
    }
    return spec;
}

} // namespace jack_server
