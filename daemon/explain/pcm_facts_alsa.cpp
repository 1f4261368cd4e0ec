// SPDX-License-Identifier: GPL-2.0-or-later
// The ALSA flavour of pcm_facts.hpp: libasound is loaded for the questions and
// unloaded after them, as for the card watch (parts/pcm_probe_alsa.cpp says
// why); ALSA's headers give the functions' types.
#include "explain/pcm_facts.hpp"

#include <alsa/asoundlib.h>
#include <dlfcn.h>
#include <memory>

namespace jack_server::detail {

namespace {

void quiet(const char*, int, const char*, int, const char*, ...) {}

// libasound, loaded while this lives; every function it is asked for is
// looked up by name (nullptr when missing, which fails the question). ALSA's
// own error lines are silenced meanwhile: JACK's open printed them already,
// and the explanation says what they mean.
class Alsa {
public:
    Alsa() : library_(dlopen("libasound.so.2", RTLD_NOW | RTLD_LOCAL)) { handle_errors(quiet); }
    ~Alsa() {
        if (!library_)
            return;
        handle_errors(nullptr); // ALSA's default again, for JACK's next open
        dlclose(library_);
    }
    Alsa(const Alsa&) = delete;
    Alsa& operator=(const Alsa&) = delete;

    bool loaded() const { return library_ != nullptr; }
    template <typename Function> Function* find(const char* name) const {
        return library_ ? reinterpret_cast<Function*>(dlsym(library_, name)) : nullptr;
    }

private:
    void handle_errors(snd_lib_error_handler_t handler) const {
        if (auto set = find<decltype(::snd_lib_error_set_handler)>("snd_lib_error_set_handler"))
            set(handler);
    }
    void* library_;
};

#define JS_ALSA(alsa, name) (alsa).find<decltype(::name)>(#name)

// JACK's alsa driver writes these formats, 32-bit ones first (16-bit first
// with -S); it needs only one of them.
constexpr snd_pcm_format_t jack_formats[] = {
    SND_PCM_FORMAT_FLOAT_LE, SND_PCM_FORMAT_S32_LE,  SND_PCM_FORMAT_S32_BE,
    SND_PCM_FORMAT_S24_3LE,  SND_PCM_FORMAT_S24_3BE, SND_PCM_FORMAT_S24_LE,
    SND_PCM_FORMAT_S24_BE,   SND_PCM_FORMAT_S16_LE,  SND_PCM_FORMAT_S16_BE};

// The questions on an opened PCM, in JACK's order (pcm_facts.hpp).
class Questions {
public:
    Questions(const Alsa& alsa, snd_pcm_t* pcm, snd_pcm_hw_params_t* params)
        : alsa_(alsa), pcm_(pcm), params_(params) {}

    bool any() { return call(JS_ALSA(alsa_, snd_pcm_hw_params_any), pcm_, params_); }

    bool mmap() {
        auto set = JS_ALSA(alsa_, snd_pcm_hw_params_set_access);
        for (auto access : {SND_PCM_ACCESS_MMAP_NONINTERLEAVED, SND_PCM_ACCESS_MMAP_INTERLEAVED,
                            SND_PCM_ACCESS_MMAP_COMPLEX})
            if (call(set, pcm_, params_, access))
                return true;
        return false;
    }

    bool format(bool shorts) {
        auto set = JS_ALSA(alsa_, snd_pcm_hw_params_set_format);
        if (shorts)
            for (auto format : {SND_PCM_FORMAT_S16_LE, SND_PCM_FORMAT_S16_BE})
                if (call(set, pcm_, params_, format))
                    return true;
        for (auto format : jack_formats)
            if (call(set, pcm_, params_, format))
                return true;
        return false;
    }

    // Whether the rate is offered exactly; the nearest is taken either way,
    // as JACK takes it.
    bool rate(unsigned wanted, PcmRange& range) {
        range = bounds(JS_ALSA(alsa_, snd_pcm_hw_params_get_rate_min),
                       JS_ALSA(alsa_, snd_pcm_hw_params_get_rate_max), static_cast<int*>(nullptr));
        bool exact = call(JS_ALSA(alsa_, snd_pcm_hw_params_test_rate), pcm_, params_, wanted, 0);
        unsigned near = wanted;
        call(JS_ALSA(alsa_, snd_pcm_hw_params_set_rate_near), pcm_, params_, &near, nullptr);
        return exact;
    }

    bool channels(unsigned wanted, PcmRange& range) {
        range = bounds(JS_ALSA(alsa_, snd_pcm_hw_params_get_channels_min),
                       JS_ALSA(alsa_, snd_pcm_hw_params_get_channels_max));
        // JACK takes the most the device has, or 2 past 1024 (a plug device).
        if (wanted == 0)
            wanted = range.max > 1024 ? 2 : range.max;
        return call(JS_ALSA(alsa_, snd_pcm_hw_params_set_channels), pcm_, params_, wanted);
    }

    bool period(unsigned wanted, PcmRange& range) {
        auto min = JS_ALSA(alsa_, snd_pcm_hw_params_get_period_size_min);
        auto max = JS_ALSA(alsa_, snd_pcm_hw_params_get_period_size_max);
        snd_pcm_uframes_t low = 0, high = 0;
        if (min && max && min(params_, &low, nullptr) == 0 && max(params_, &high, nullptr) == 0)
            range = {unsigned(low), unsigned(high)};
        return call(JS_ALSA(alsa_, snd_pcm_hw_params_test_period_size), pcm_, params_,
                    snd_pcm_uframes_t(wanted), 0);
    }

private:
    // ALSA's answer: negative is a refusal (snd_pcm_hw_params_any answers
    // how many parameters it changed).
    template <typename Function, typename... Arguments>
    static bool call(Function* function, Arguments... arguments) {
        return function && function(arguments...) >= 0;
    }
    // The rate's getters take a direction, the channels' do not.
    template <typename Get, typename... Direction>
    PcmRange bounds(Get* min, Get* max, Direction... direction) const {
        PcmRange range;
        if (min && max) {
            min(params_, &range.min, direction...);
            max(params_, &range.max, direction...);
        }
        return range;
    }

    const Alsa& alsa_;
    snd_pcm_t* pcm_;
    snd_pcm_hw_params_t* params_;
};

PcmFacts ask(const Alsa& alsa, snd_pcm_t* pcm, const PcmWanted& wanted) {
    PcmFacts facts;
    auto allocate = JS_ALSA(alsa, snd_pcm_hw_params_malloc);
    auto free = JS_ALSA(alsa, snd_pcm_hw_params_free);
    snd_pcm_hw_params_t* raw = nullptr;
    if (!allocate || !free || allocate(&raw) != 0)
        return facts;
    std::unique_ptr<snd_pcm_hw_params_t, decltype(free)> params(raw, free);
    Questions questions(alsa, pcm, params.get());
    if (!questions.any())
        return facts;
    // The first answer that fails ends the questions: JACK stops there too.
    if (!(facts.mmap = questions.mmap()) || !(facts.format = questions.format(wanted.shorts)))
        return facts;
    facts.rate = questions.rate(wanted.rate, facts.rates);
    if ((facts.channels = questions.channels(wanted.channels, facts.channel_counts)))
        facts.period = questions.period(wanted.period, facts.periods);
    return facts;
}

// "hw:1,0" -> "hw:1", "plughw:CARD=x" -> "hw:CARD=x": the control device.
std::string control_name(const std::string& device) {
    auto name = device.substr(0, device.find(','));
    if (name.starts_with("plughw:"))
        name.erase(0, 4);
    return name;
}

} // namespace

bool pcm_facts_built() noexcept {
    return true;
}

std::optional<PcmFacts> pcm_facts(const std::string& device, const PcmWanted& wanted) {
    Alsa alsa;
    auto open = JS_ALSA(alsa, snd_pcm_open);
    auto close = JS_ALSA(alsa, snd_pcm_close);
    if (!open || !close)
        return std::nullopt;
    snd_pcm_t* pcm = nullptr;
    auto stream = wanted.playback ? SND_PCM_STREAM_PLAYBACK : SND_PCM_STREAM_CAPTURE;
    PcmFacts facts;
    facts.open_error = open(&pcm, device.c_str(), stream, SND_PCM_NONBLOCK);
    if (facts.open_error != 0)
        return facts;
    facts = ask(alsa, pcm, wanted);
    close(pcm);
    return facts;
}

std::optional<int> card_of_device(const std::string& device) {
    Alsa alsa;
    auto open = JS_ALSA(alsa, snd_ctl_open);
    auto close = JS_ALSA(alsa, snd_ctl_close);
    auto allocate = JS_ALSA(alsa, snd_ctl_card_info_malloc);
    auto free = JS_ALSA(alsa, snd_ctl_card_info_free);
    auto info = JS_ALSA(alsa, snd_ctl_card_info);
    auto card = JS_ALSA(alsa, snd_ctl_card_info_get_card);
    if (!open || !close || !allocate || !free || !info || !card)
        return std::nullopt;
    snd_ctl_t* control = nullptr;
    if (open(&control, control_name(device).c_str(), SND_CTL_NONBLOCK) != 0)
        return std::nullopt;
    std::optional<int> index;
    snd_ctl_card_info_t* card_info = nullptr;
    if (allocate(&card_info) == 0) {
        if (info(control, card_info) == 0)
            index = card(card_info);
        free(card_info);
    }
    close(control);
    return index;
}

} // namespace jack_server::detail
