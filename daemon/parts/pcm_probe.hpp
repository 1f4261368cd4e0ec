// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>

namespace jack_server::detail {

// How JACK's alsa driver will run a card: a probe configures it so.
struct PcmSetup {
    unsigned rate = 48000;
    unsigned period = 1024; // frames
    unsigned periods = 2;
    unsigned channels = 0; // 0: all the card's (2 where a plugin claims more than 1024)
};

// The directions of a PCM, as a mask.
enum PcmStreams : unsigned { pcm_playback = 1, pcm_capture = 2, pcm_both = 3 };

// Whether this build can open ALSA PCMs at all: false when it was configured
// with JACK_SERVER_ALSA=OFF (pcm_probe_none.cpp), for a system without ALSA.
bool pcm_probe_built() noexcept;

// Which of streams of the ALSA PCM device configure now as JACK's alsa driver
// configures them: opened non-blocking, hardware parameters set at setup's
// rate, period and periods with an mmap access and a format JACK takes, then
// closed. Only that proves a card runs: ALSA's file plugin, for one, opens
// its file at the hardware parameters, not at the open. It may block as long
// as the device does (a FIFO nobody reads): run it where that cannot block
// the engine (ChildProbe). 0 in a build without ALSA.
unsigned pcm_configures(const std::string& device, unsigned streams, const PcmSetup& setup);
// The channels one stream configures with as pcm_configures configures it;
// 0 when it does not. The same caveat: it may block.
unsigned pcm_channels(const std::string& device, PcmStreams stream, const PcmSetup& setup);
// Whether the device is there now: one of its streams opens (non-blocking,
// closed at once) or is busy (another program, a bridge, has it). It may
// block as an open can.
bool pcm_present(const std::string& device);
// The ALSA card number of the device's control device (the name up to a
// comma, plughw: read as hw:), as JACK's alsa driver learns it to name the
// card's reservation (AudioN); -1 when there is none.
int pcm_card_index(const std::string& device);

} // namespace jack_server::detail
