// SPDX-License-Identifier: GPL-2.0-or-later
// The ALSA flavour of pcm_capabilities.hpp: ALSA's headers, its library
// loaded for each probe only.
#include "cards/pcm_capabilities.hpp"

#include <alsa/asoundlib.h>
#include <dlfcn.h>
#include <memory>

namespace jack_server::detail {

namespace {

// The few calls of libasound a probe makes, looked up in a handle held for
// the probe only.
struct Alsa {
    void* handle = nullptr;
    decltype(&snd_pcm_open) open = nullptr;
    decltype(&snd_pcm_close) close = nullptr;
    decltype(&snd_strerror) strerror = nullptr;
    decltype(&snd_pcm_hw_params_malloc) params_malloc = nullptr;
    decltype(&snd_pcm_hw_params_free) params_free = nullptr;
    decltype(&snd_pcm_hw_params_any) any = nullptr;
    decltype(&snd_pcm_hw_params_get_channels_min) channels_min = nullptr;
    decltype(&snd_pcm_hw_params_get_channels_max) channels_max = nullptr;
    decltype(&snd_pcm_hw_params_get_rate_min) rate_min = nullptr;
    decltype(&snd_pcm_hw_params_get_rate_max) rate_max = nullptr;
    decltype(&snd_pcm_hw_params_get_period_size_min) period_min = nullptr;
    decltype(&snd_pcm_hw_params_get_period_size_max) period_max = nullptr;
    decltype(&snd_pcm_hw_params_test_access) test_access = nullptr;
    decltype(&snd_pcm_hw_params_test_rate) test_rate = nullptr;
    decltype(&snd_pcm_hw_params_test_period_size) test_period = nullptr;

    Alsa() : handle(dlopen("libasound.so.2", RTLD_NOW | RTLD_LOCAL)) {
        if (handle == nullptr)
            return;
        find(open, "snd_pcm_open");
        find(close, "snd_pcm_close");
        find(strerror, "snd_strerror");
        find(params_malloc, "snd_pcm_hw_params_malloc");
        find(params_free, "snd_pcm_hw_params_free");
        find(any, "snd_pcm_hw_params_any");
        find(channels_min, "snd_pcm_hw_params_get_channels_min");
        find(channels_max, "snd_pcm_hw_params_get_channels_max");
        find(rate_min, "snd_pcm_hw_params_get_rate_min");
        find(rate_max, "snd_pcm_hw_params_get_rate_max");
        find(period_min, "snd_pcm_hw_params_get_period_size_min");
        find(period_max, "snd_pcm_hw_params_get_period_size_max");
        find(test_access, "snd_pcm_hw_params_test_access");
        find(test_rate, "snd_pcm_hw_params_test_rate");
        find(test_period, "snd_pcm_hw_params_test_period_size");
    }
    ~Alsa() {
        if (handle != nullptr)
            dlclose(handle);
    }
    Alsa(const Alsa&) = delete;
    Alsa& operator=(const Alsa&) = delete;

    template <typename F> void find(F& function, const char* name) {
        function = reinterpret_cast<F>(dlsym(handle, name));
        complete = complete && function != nullptr;
    }
    bool complete = true;
};

void read_capabilities(const Alsa& alsa, snd_pcm_t* pcm, snd_pcm_hw_params_t* params,
                       PcmReport& report, std::optional<unsigned> rate,
                       std::optional<unsigned long> period) {
    PcmCapabilities caps;
    int dir = 0;
    snd_pcm_uframes_t frames = 0;
    alsa.channels_min(params, &caps.channels_min);
    alsa.channels_max(params, &caps.channels_max);
    alsa.rate_min(params, &caps.rate_min, &dir);
    alsa.rate_max(params, &caps.rate_max, &dir);
    if (alsa.period_min(params, &frames, &dir) == 0)
        caps.period_min = frames;
    if (alsa.period_max(params, &frames, &dir) == 0)
        caps.period_max = frames;
    caps.mmap = alsa.test_access(pcm, params, SND_PCM_ACCESS_MMAP_INTERLEAVED) == 0 ||
                alsa.test_access(pcm, params, SND_PCM_ACCESS_MMAP_NONINTERLEAVED) == 0;
    if (rate)
        report.rate_ok = alsa.test_rate(pcm, params, *rate, 0) == 0;
    if (period)
        report.period_ok = alsa.test_period(pcm, params, *period, 0) == 0;
    report.capabilities = caps;
}

} // namespace

PcmReport probe_pcm(const std::string& device, bool playback, std::optional<unsigned> rate,
                    std::optional<unsigned long> period) {
    PcmReport report;
    Alsa alsa;
    if (alsa.handle == nullptr || !alsa.complete) {
        report.error = "libasound.so.2 cannot be loaded";
        return report;
    }
    snd_pcm_t* pcm = nullptr;
    int opened =
        alsa.open(&pcm, device.c_str(), playback ? SND_PCM_STREAM_PLAYBACK : SND_PCM_STREAM_CAPTURE,
                  SND_PCM_NONBLOCK);
    if (opened < 0) {
        report.error = alsa.strerror(opened);
        return report;
    }
    snd_pcm_hw_params_t* params = nullptr;
    if (alsa.params_malloc(&params) == 0) {
        // Not 0 on success for every PCM: a plugin's refine may return how
        // many parameters it changed.
        int any = alsa.any(pcm, params);
        if (any >= 0)
            read_capabilities(alsa, pcm, params, report, rate, period);
        else
            report.error = alsa.strerror(any);
        alsa.params_free(params);
    }
    alsa.close(pcm);
    return report;
}

} // namespace jack_server::detail
