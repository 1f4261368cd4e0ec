// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <optional>
#include <string>

namespace jack_server::detail {

// What an ALSA PCM offers, from hw_params on the opened device (any ALSA name:
// hw:1,0, a plugin). Opening needs the device free: a busy one gives only
// its error.
struct PcmCapabilities {
    unsigned channels_min = 0, channels_max = 0;
    unsigned rate_min = 0, rate_max = 0;
    unsigned long period_min = 0, period_max = 0; // frames
    bool mmap = false; // interleaved or not: what JACK's alsa driver needs
};

struct PcmReport {
    std::optional<PcmCapabilities> capabilities; // none when it did not open
    std::string error;                           // why not: "Device or resource busy"
    // Asked for: whether the device takes this rate and period (none when
    // not asked or not opened).
    std::optional<bool> rate_ok, period_ok;
};

// Opens device (non-blocking) for playback or capture, reads what hw_params
// allows, tests rate and period when given, closes it. libasound is loaded
// for the call only (pcm_probe_alsa.cpp says why). In a build without ALSA,
// error says so.
PcmReport probe_pcm(const std::string& device, bool playback, std::optional<unsigned> rate = {},
                    std::optional<unsigned long> period = {});

} // namespace jack_server::detail
