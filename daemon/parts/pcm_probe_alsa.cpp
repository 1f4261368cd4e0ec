// SPDX-License-Identifier: GPL-2.0-or-later
// The ALSA flavour of pcm_probe.hpp (JACK_SERVER_ALSA=ON): ALSA's headers,
// never its library, which is loaded only for each probe.
#include "parts/pcm_probe.hpp"

#include <alsa/asoundlib.h>
#include <dlfcn.h>

namespace jack_server::detail {

bool pcm_probe_built() noexcept {
    return true;
}

// libasound is loaded for the probe and unloaded after it, as JACK's alsa
// driver plugin loads it for each open: ALSA reads its configuration once per
// load, so a library kept loaded would never see a device that a new
// ~/.asoundrc defines, here or in JACK's next open (--wait-device).
bool pcm_opens(const std::string& device) {
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

} // namespace jack_server::detail
