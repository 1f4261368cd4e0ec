// SPDX-License-Identifier: GPL-2.0-or-later
#include "parts/card_watch.hpp"

#include "cards/device_identity.hpp"
#include "jack_server/parameter_text.hpp"
#include "parts/pcm_probe.hpp"

#include <algorithm>
#include "log.hpp"

namespace jack_server::detail {

std::vector<std::string> probe_devices(const PluginConfig& driver) {
    if (driver.name != "alsa" || !pcm_probe_built())
        return {};
    std::vector<std::string> devices;
    for (const char* name : {"playback", "capture"}) {
        auto given = driver.params.find(name);
        if (given != driver.params.end())
            devices.push_back(format_value(given->second.value));
    }
    if (devices.empty()) {
        auto device = driver.params.find("device");
        devices.push_back(device != driver.params.end() ? format_value(device->second.value)
                                                        : "hw:0");
    }
    return devices;
}

// A device named by identity is resolved at each probe: a card plugged back
// in may come with another index. One that matches no card is not back.
bool all_open(const std::vector<std::string>& devices) {
    return !devices.empty() && std::all_of(devices.begin(), devices.end(), [](const auto& device) {
        try {
            return pcm_opens(jack_server::resolve_device(device));
        } catch (const Error&) {
            return false;
        }
    });
}

CardWatch::CardWatch(std::chrono::milliseconds probe_interval, std::chrono::milliseconds hold)
    : probe_interval_(probe_interval), hold_(hold) {
    // Said once, when --fallback makes the watch, not first when the card is
    // lost: a rig built this way learns it before it counts on the return.
    if (!pcm_probe_built())
        log::info("fallback: built without ALSA: the lost card is not watched; reload or "
                     "restart to go back to it");
}

bool CardWatch::lost(const PluginConfig& primary, Clock::time_point now) {
    devices_ = probe_devices(primary);
    watching_ = !devices_.empty();
    next_probe_ = now + probe_interval_;
    if (last_return_)
        next_probe_ = std::max(next_probe_, *last_return_ + hold_);
    return watching_;
}

bool CardWatch::back(Clock::time_point now) {
    if (!watching_ || now < next_probe_)
        return false;
    next_probe_ = now + probe_interval_;
    return all_open(devices_);
}

void CardWatch::returned(Clock::time_point now) {
    watching_ = false;
    last_return_ = now;
}

} // namespace jack_server::detail
