// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jack_server {

// A sound card named by what it is rather than by its index, which changes
// when cards enumerate in another order (hw:0 becomes hw:1 after a reboot):
//   usb:VENDOR:PRODUCT[:SERIAL]   usb:1235:8016, usb:1235:8016:Y8A1KQ5160E3C4
//   id:CARDID                     id:PCH (the card's id, /proc/asound/cardN/id)
//   path:SYSFS_OR_BY_PATH         path:pci-0000:00:14.0-usb-0:2:1.0 (/dev/snd/by-path),
//                                 path:/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2
// Any of them may end in ",DEV[,SUBDEV]", kept as the resolved hw:N's suffix.
// The syntax only: matching it against the machine's cards is
// daemon/cards/device_identity.hpp.
struct DeviceSpec {
    enum class Kind { usb, id, path };
    Kind kind = Kind::usb;
    std::string vendor, product;       // usb: four lower-case hex digits each
    std::optional<std::string> serial; // usb: when given
    std::string value;                 // id: the card id; path: the path as given
    std::string suffix;                // ",0" or "" — appended to hw:N
    std::string text;                  // as given: "usb:1235:8016,0"
};

// Whether text names a card by identity (starts with usb:, id: or path:).
bool is_device_spec(std::string_view text) noexcept;

// std::nullopt when text is an ordinary ALSA name (hw:1, plughw:PCH, default).
// Throws ParameterError naming spelled (the option: "-d", "--fallback") when
// text is a malformed identity: "usb:12:x", "id:", "path:".
std::optional<DeviceSpec> parse_device_spec(std::string_view text, const std::string& spelled);

} // namespace jack_server
