// SPDX-License-Identifier: GPL-2.0-or-later
#include "card_watch.hpp"

#include "jack_server/parameter_text.hpp"

#include <algorithm>
#include <alsa/asoundlib.h>
#include <dlfcn.h>

namespace jack_server::detail {

namespace {

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

std::vector<std::string> probe_devices(const PluginConfig& driver) {
    if (driver.name != "alsa")
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

bool all_open(const std::vector<std::string>& devices) {
    return !devices.empty() && std::all_of(devices.begin(), devices.end(), device_opens);
}

CardWatch::CardWatch(std::chrono::milliseconds probe_interval, std::chrono::milliseconds hold)
    : probe_interval_(probe_interval), hold_(hold) {}

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
