// SPDX-License-Identifier: GPL-2.0-or-later
#include "parts/card_watch.hpp"

#include "cards/device_identity.hpp"
#include "jack_server/error.hpp"
#include "jack_server/parameter_text.hpp"
#include "log.hpp"

#include <algorithm>
#include <system_error>

namespace jack_server::detail {

std::vector<ProbedDevice> probe_devices(const PluginConfig& driver) {
    if (driver.name != "alsa" || !pcm_probe_built())
        return {};
    std::vector<ProbedDevice> devices;
    for (auto [name, streams] : {std::pair{"playback", pcm_playback}, {"capture", pcm_capture}}) {
        auto given = driver.params.find(name);
        if (given != driver.params.end())
            devices.push_back({format_value(given->second.value), streams});
    }
    if (devices.empty()) {
        auto device = driver.params.find("device");
        devices.push_back(
            {device != driver.params.end() ? format_value(device->second.value) : "hw:0",
             pcm_both});
    }
    return devices;
}

PcmSetup probe_setup(const PluginConfig& driver, unsigned engine_rate, unsigned engine_period) {
    auto given = [&](const char* name, unsigned otherwise) {
        auto setting = driver.params.find(name);
        if (setting == driver.params.end())
            return otherwise;
        try {
            return static_cast<unsigned>(std::stoul(format_value(setting->second.value)));
        } catch (const std::exception&) {
            return otherwise;
        }
    };
    return {given("rate", engine_rate), given("period", engine_period), given("nperiods", 2)};
}

// A device named by identity is resolved at each probe: a card plugged back
// in may come with another index. One that matches no card is not back.
int probe_job(const std::vector<ProbedDevice>& devices, const PcmSetup& setup) {
    bool all = !devices.empty() && std::all_of(devices.begin(), devices.end(), [&](const auto& d) {
        try {
            return pcm_configures(resolve_device(d.name), d.streams, setup) != 0;
        } catch (const Error&) {
            return false;
        }
    });
    return all ? 0 : 1;
}

bool all_run(const std::vector<ProbedDevice>& devices, const PcmSetup& setup,
             std::chrono::milliseconds deadline) {
    if (devices.empty())
        return false;
    try {
        ChildProbe probe([&] { return probe_job(devices, setup); }, deadline);
        return probe.wait() == 0;
    } catch (const std::system_error& e) {
        log::warn("cannot probe the card: {}", e.what());
        return false;
    }
}

CardWatch::CardWatch(std::chrono::milliseconds probe_interval,
                     std::chrono::milliseconds probe_deadline, std::chrono::milliseconds hold)
    : probe_interval_(probe_interval), probe_deadline_(probe_deadline), hold_(hold) {
    // Said once, when --fallback makes the watch, not first when the card is
    // lost: a rig built this way learns it before it counts on the return.
    if (!pcm_probe_built())
        log::info("fallback: built without ALSA: the lost card is not watched; reload or "
                  "restart to go back to it");
}

bool CardWatch::lost(const PluginConfig& primary, const PcmSetup& setup, Clock::time_point now) {
    devices_ = probe_devices(primary);
    setup_ = setup;
    watching_ = !devices_.empty();
    probe_.reset();
    next_probe_ = now + probe_interval_;
    if (last_return_)
        next_probe_ = std::max(next_probe_, *last_return_ + hold_);
    return watching_;
}

bool CardWatch::back(Clock::time_point now) {
    if (!watching_)
        return false;
    if (probe_) {
        auto result = probe_->result(now);
        if (!result)
            return false;
        probe_.reset();
        if (*result == 0)
            return true;
        if (*result < 0)
            log::debug("card probe: no answer within {} ms; the card is not back",
                       probe_deadline_.count());
    }
    if (now < next_probe_)
        return false;
    next_probe_ = now + probe_interval_;
    try {
        auto devices = devices_;
        auto setup = setup_;
        probe_ = std::make_unique<ChildProbe>([&] { return probe_job(devices, setup); },
                                              probe_deadline_);
    } catch (const std::system_error& e) {
        log::warn("cannot probe the card: {}", e.what());
    }
    return false;
}

void CardWatch::returned(Clock::time_point now) {
    watching_ = false;
    probe_.reset();
    last_return_ = now;
}

} // namespace jack_server::detail
