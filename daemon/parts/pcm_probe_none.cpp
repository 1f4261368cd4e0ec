// SPDX-License-Identifier: GPL-2.0-or-later
// The flavour of pcm_probe.hpp for a build without ALSA (JACK_SERVER_ALSA=OFF):
// no ALSA header, no libasound, nothing opened.
#include "parts/pcm_probe.hpp"

namespace jack_server::detail {

bool pcm_probe_built() noexcept {
    return false;
}

unsigned pcm_configures(const std::string&, unsigned, const PcmSetup&) {
    return 0;
}

unsigned pcm_channels(const std::string&, PcmStreams, const PcmSetup&) {
    return 0;
}

bool pcm_present(const std::string&) {
    return false;
}

int pcm_card_index(const std::string&) {
    return -1;
}

} // namespace jack_server::detail
