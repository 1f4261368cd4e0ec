// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "cards/card_tree.hpp"
#include "config/config.hpp"
#include "config/device_spec.hpp"
#include "jack_server/error.hpp"

#include <set>
#include <string>
#include <vector>

namespace jack_server {

// A device named by identity (usb:, id:, path:) matches no card, or more than
// one: the message names the value and what matched, the hint the cards
// there are. Exit status 69, as any device that cannot be opened.
class DeviceNotFoundError : public ServerNotOpenedError {
public:
    using ServerNotOpenedError::ServerNotOpenedError;
};

namespace detail {

// The cards spec names (none, one, or several when it does not tell them
// apart). roots: to read a path: given as /sys/... or /dev/snd/by-path/...
std::vector<const Card*> matching_cards(const DeviceSpec& spec, const std::vector<Card>& cards,
                                        const SystemRoots& roots);

// hw:N (with spec's ",DEV" suffix) of the one card spec names.
// Throws DeviceNotFoundError when none or several match.
std::string resolve_among(const DeviceSpec& spec, const std::vector<Card>& cards,
                          const SystemRoots& roots);

} // namespace detail

// The ALSA name for device as the machine is now: usb:VENDOR:PRODUCT[:SERIAL],
// id:CARDID and path:SYSFS_OR_BY_PATH become hw:N (keeping ",DEV"); any other
// name is returned as it is. Called at start and before each return to a card,
// so a card renumbered by a replug or a reboot is still found.
// Throws ParameterError for a malformed identity, DeviceNotFoundError when
// it matches no card or several.
std::string resolve_device(const std::string& device);

// driver as libjackserver is to be given it: the alsa driver's device,
// playback and capture resolved (resolve_device), each resolution logged
// ("device id:PCH is hw:1") unless said holds that line already (a retry);
// other drivers as they are. Throws as resolve_device.
PluginConfig with_devices_resolved(const PluginConfig& driver,
                                   std::set<std::string>* said = nullptr);

} // namespace jack_server
