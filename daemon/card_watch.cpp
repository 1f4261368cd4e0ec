// SPDX-License-Identifier: GPL-2.0-or-later
#include "card_watch.hpp"

#include "jack_server/parameter_text.hpp"

#include <algorithm>
#include <alsa/asoundlib.h>
#include <dlfcn.h>

namespace jack_server::detail {

namespace {

// The alsa driver's devices: -P and -C when given, else -d (its default,
// hw:0, when none is).
std::vector<std::string> alsa_devices(const PluginConfig& primary) {
    std::vector<std::string> devices;
    for (const char* name : {"playback", "capture"}) {
        auto given = primary.params.find(name);
        if (given != primary.params.end())
            devices.push_back(format_value(given->second.value));
    }
    if (devices.empty()) {
        auto device = primary.params.find("device");
        devices.push_back(device != primary.params.end() ? format_value(device->second.value)
                                                         : "hw:0");
    }
    return devices;
}

// libasound is loaded for the probe and unloaded after it, as JACK's alsa
// driver plugin loads it for each open: ALSA reads its configuration once per
// load, so a library kept loaded would never see a device that a new
// ~/.asoundrc defines, here or in JACK's next open (--wait-device).
bool device_opens(const std::string& device) {
    void* alsa = dlopen("libasound.so.2", RTLD_NOW | RTLD_LOCAL);
    if (alsa == nullptr)
        return false;
    using Open = int (*)(snd_pcm_t**, const char*, snd_pcm_stream_t, int);
    using Close = int (*)(snd_pcm_t*);
    auto open = reinterpret_cast<Open>(dlsym(alsa, "snd_pcm_open"));
    auto close = reinterpret_cast<Close>(dlsym(alsa, "snd_pcm_close"));
    bool opened = false;
    for (auto stream : {SND_PCM_STREAM_PLAYBACK, SND_PCM_STREAM_CAPTURE}) {
        snd_pcm_t* pcm = nullptr;
        if (open && close && !opened && open(&pcm, device.c_str(), stream, SND_PCM_NONBLOCK) == 0) {
            close(pcm);
            opened = true;
        }
    }
    dlclose(alsa);
    return opened;
}

} // namespace

CardWatch::CardWatch(std::chrono::milliseconds probe_interval, std::chrono::milliseconds hold)
    : probe_interval_(probe_interval), hold_(hold) {}

bool CardWatch::lost(const PluginConfig& primary, Clock::time_point now) {
    devices_.clear();
    if (primary.name == "alsa")
        devices_ = alsa_devices(primary);
    watching_ = !devices_.empty();
    next_probe_ = now + probe_interval_;
    if (returned_once_)
        next_probe_ = std::max(next_probe_, last_return_ + hold_);
    return watching_;
}

bool CardWatch::opens() const {
    return !devices_.empty() && std::all_of(devices_.begin(), devices_.end(), device_opens);
}

bool CardWatch::back(Clock::time_point now) {
    if (!watching_ || now < next_probe_)
        return false;
    next_probe_ = now + probe_interval_;
    return opens();
}

void CardWatch::returned(Clock::time_point now) {
    watching_ = false;
    returned_once_ = true;
    last_return_ = now;
}

} // namespace jack_server::detail
