// SPDX-License-Identifier: GPL-2.0-or-later
// The ALSA flavour of pcm_probe.hpp (JACK_SERVER_ALSA=ON): ALSA's headers,
// never its library, which is loaded only for each probe.
#include "parts/pcm_probe.hpp"

#include <alsa/asoundlib.h>
#include <cerrno>
#include <dlfcn.h>
#include <memory>

namespace jack_server::detail {

bool pcm_probe_built() noexcept {
    return true;
}

namespace {

// The calls of libasound the probe makes, looked up in the loaded library.
struct Alsa {
    void* library = nullptr;
    int (*open)(snd_pcm_t**, const char*, snd_pcm_stream_t, int) = nullptr;
    int (*close)(snd_pcm_t*) = nullptr;
    size_t (*params_size)() = nullptr;
    int (*any)(snd_pcm_t*, snd_pcm_hw_params_t*) = nullptr;
    int (*set_access)(snd_pcm_t*, snd_pcm_hw_params_t*, snd_pcm_access_t) = nullptr;
    int (*set_format)(snd_pcm_t*, snd_pcm_hw_params_t*, snd_pcm_format_t) = nullptr;
    int (*channels_max)(const snd_pcm_hw_params_t*, unsigned*) = nullptr;
    int (*set_channels)(snd_pcm_t*, snd_pcm_hw_params_t*, unsigned) = nullptr;
    int (*set_rate_near)(snd_pcm_t*, snd_pcm_hw_params_t*, unsigned*, int*) = nullptr;
    int (*set_period)(snd_pcm_t*, snd_pcm_hw_params_t*, snd_pcm_uframes_t, int) = nullptr;
    int (*set_periods_near)(snd_pcm_t*, snd_pcm_hw_params_t*, unsigned*, int*) = nullptr;
    int (*apply)(snd_pcm_t*, snd_pcm_hw_params_t*) = nullptr;
    int (*ctl_open)(snd_ctl_t**, const char*, int) = nullptr;
    int (*ctl_close)(snd_ctl_t*) = nullptr;
    size_t (*info_size)() = nullptr;
    int (*card_info)(snd_ctl_t*, snd_ctl_card_info_t*) = nullptr;
    int (*info_card)(const snd_ctl_card_info_t*) = nullptr;

    Alsa() : library(dlopen("libasound.so.2", RTLD_NOW | RTLD_LOCAL)) {
        if (!library)
            return;
        find(open, "snd_pcm_open");
        find(close, "snd_pcm_close");
        find(params_size, "snd_pcm_hw_params_sizeof");
        find(any, "snd_pcm_hw_params_any");
        find(set_access, "snd_pcm_hw_params_set_access");
        find(set_format, "snd_pcm_hw_params_set_format");
        find(channels_max, "snd_pcm_hw_params_get_channels_max");
        find(set_channels, "snd_pcm_hw_params_set_channels");
        find(set_rate_near, "snd_pcm_hw_params_set_rate_near");
        find(set_period, "snd_pcm_hw_params_set_period_size");
        find(set_periods_near, "snd_pcm_hw_params_set_periods_near");
        find(apply, "snd_pcm_hw_params");
        find(ctl_open, "snd_ctl_open");
        find(ctl_close, "snd_ctl_close");
        find(info_size, "snd_ctl_card_info_sizeof");
        find(card_info, "snd_ctl_card_info");
        find(info_card, "snd_ctl_card_info_get_card");
    }
    ~Alsa() {
        if (library)
            dlclose(library);
    }
    Alsa(const Alsa&) = delete;
    Alsa& operator=(const Alsa&) = delete;

    bool usable() const { return library && found_all; }

private:
    template <typename Function> void find(Function& into, const char* name) {
        into = reinterpret_cast<Function>(dlsym(library, name));
        found_all = found_all && into != nullptr;
    }
    bool found_all = true;
};

// What JACK's alsa driver asks of a stream: an mmap access (non-interleaved
// first), the first of its formats the card takes, all the card's channels,
// the rate, the period exactly and the number of periods.
unsigned configures(const Alsa& alsa, snd_pcm_t* pcm, const PcmSetup& setup) {
    std::unique_ptr<char[]> storage(new char[alsa.params_size()]());
    auto* params = reinterpret_cast<snd_pcm_hw_params_t*>(storage.get());
    if (alsa.any(pcm, params) < 0)
        return 0;
    bool access = false;
    for (auto wanted : {SND_PCM_ACCESS_MMAP_NONINTERLEAVED, SND_PCM_ACCESS_MMAP_INTERLEAVED,
                        SND_PCM_ACCESS_MMAP_COMPLEX})
        if (!access && alsa.set_access(pcm, params, wanted) == 0)
            access = true;
    bool format = false;
    for (auto wanted : {SND_PCM_FORMAT_FLOAT_LE, SND_PCM_FORMAT_S32_LE, SND_PCM_FORMAT_S32_BE,
                        SND_PCM_FORMAT_S24_3LE, SND_PCM_FORMAT_S24_3BE, SND_PCM_FORMAT_S24_LE,
                        SND_PCM_FORMAT_S24_BE, SND_PCM_FORMAT_S16_LE, SND_PCM_FORMAT_S16_BE})
        if (!format && alsa.set_format(pcm, params, wanted) == 0)
            format = true;
    unsigned channels = 0, rate = setup.rate, periods = setup.periods;
    // As JACK: all the card's channels, but 2 where a plugin (the "plug"
    // layer, a file) claims more than 1024.
    if (alsa.channels_max(params, &channels) == 0 && channels > 1024)
        channels = 2;
    if (setup.channels != 0)
        channels = setup.channels;
    bool configured =
        access && format && channels != 0 && alsa.set_channels(pcm, params, channels) == 0 &&
        alsa.set_rate_near(pcm, params, &rate, nullptr) == 0 &&
        alsa.set_period(pcm, params, setup.period, 0) == 0 &&
        alsa.set_periods_near(pcm, params, &periods, nullptr) == 0 && alsa.apply(pcm, params) == 0;
    return configured ? channels : 0;
}

unsigned stream_channels(const Alsa& alsa, const std::string& device, snd_pcm_stream_t stream,
                         const PcmSetup& setup) {
    snd_pcm_t* pcm = nullptr;
    if (alsa.open(&pcm, device.c_str(), stream, SND_PCM_NONBLOCK) != 0)
        return 0;
    auto channels = configures(alsa, pcm, setup);
    alsa.close(pcm);
    return channels;
}

} // namespace

// libasound is loaded for the probe and unloaded after it, as JACK's alsa
// driver plugin loads it for each open: ALSA reads its configuration once per
// load, so a library kept loaded would never see a device that a new
// ~/.asoundrc defines, here or in JACK's next open (--wait-device).
unsigned pcm_configures(const std::string& device, unsigned streams, const PcmSetup& setup) {
    Alsa alsa;
    if (!alsa.usable())
        return 0;
    unsigned configured = 0;
    for (auto [stream, bit] : {std::pair{SND_PCM_STREAM_PLAYBACK, pcm_playback},
                               std::pair{SND_PCM_STREAM_CAPTURE, pcm_capture}}) {
        if ((streams & bit) && stream_channels(alsa, device, stream, setup) != 0)
            configured |= bit;
    }
    return configured;
}

unsigned pcm_channels(const std::string& device, PcmStreams stream, const PcmSetup& setup) {
    Alsa alsa;
    if (!alsa.usable())
        return 0;
    return stream_channels(alsa, device,
                           stream == pcm_capture ? SND_PCM_STREAM_CAPTURE : SND_PCM_STREAM_PLAYBACK,
                           setup);
}

bool pcm_present(const std::string& device) {
    Alsa alsa;
    if (!alsa.usable())
        return false;
    for (auto stream : {SND_PCM_STREAM_PLAYBACK, SND_PCM_STREAM_CAPTURE}) {
        snd_pcm_t* pcm = nullptr;
        int opened = alsa.open(&pcm, device.c_str(), stream, SND_PCM_NONBLOCK);
        if (opened == 0)
            alsa.close(pcm);
        if (opened == 0 || opened == -EBUSY)
            return true;
    }
    return false;
}

int pcm_card_index(const std::string& device) {
    Alsa alsa;
    if (!alsa.usable())
        return -1;
    auto control = device.substr(0, device.find(','));
    if (control.starts_with("plughw:"))
        control = control.substr(4);
    snd_ctl_t* ctl = nullptr;
    if (alsa.ctl_open(&ctl, control.c_str(), SND_CTL_NONBLOCK) != 0)
        return -1;
    std::unique_ptr<char[]> storage(new char[alsa.info_size()]());
    auto* info = reinterpret_cast<snd_ctl_card_info_t*>(storage.get());
    int card = alsa.card_info(ctl, info) == 0 ? alsa.info_card(info) : -1;
    alsa.ctl_close(ctl);
    return card;
}

} // namespace jack_server::detail
