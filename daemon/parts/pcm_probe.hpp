// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>

namespace jack_server::detail {

// Whether this build can open ALSA PCMs at all: false when it was configured
// with JACK_SERVER_ALSA=OFF (pcm_probe_none.cpp), for a system without ALSA.
bool pcm_probe_built() noexcept;

// Whether the ALSA PCM device opens now, for playback or capture
// (non-blocking, closed at once). Always false in a build without ALSA.
bool pcm_opens(const std::string& device);

} // namespace jack_server::detail
