// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <optional>
#include <string>

namespace jack_server::detail {

// What the settings JACK's alsa driver asks of one stream of a device.
struct PcmWanted {
    bool playback = true;
    unsigned rate = 48000;
    unsigned period = 1024;
    unsigned channels = 0; // 0: as many as the device has, as JACK takes
    bool shorts = false;   // -S: 16-bit samples first
};

struct PcmRange {
    unsigned min = 0, max = 0;
};

// What an ALSA PCM says when asked for JACK's settings, in the order JACK's
// alsa driver asks (alsa_driver_configure_stream): access, format, rate,
// channels, period. Each check is made with the earlier ones applied, so the
// ranges are what the device offers given them.
struct PcmFacts {
    int open_error = 0; // snd_pcm_open's (negative errno); 0: it opened
    bool mmap = true;   // an mmap access is offered (JACK uses no other)
    bool format = true; // one of the sample formats JACK's driver writes
    bool rate = true;   // the rate exactly
    bool channels = true;
    bool period = true; // the period exactly, in frames
    PcmRange rates, channel_counts, periods;
};

// Whether this build can ask ALSA at all (false with JACK_SERVER_ALSA=OFF).
bool pcm_facts_built() noexcept;

// Opens the PCM device (non-blocking, closed before returning) and answers
// the questions above. Empty in a build without ALSA or when libasound cannot
// be loaded. Throws nothing.
std::optional<PcmFacts> pcm_facts(const std::string& device, const PcmWanted& wanted);

// The card an ALSA device name belongs to, as JACK's alsa driver finds it (its
// control device: the name up to a comma, plughw: read as hw:, and
// snd_ctl_card_info's card). Empty when there is none or no ALSA.
std::optional<int> card_of_device(const std::string& device);

} // namespace jack_server::detail
