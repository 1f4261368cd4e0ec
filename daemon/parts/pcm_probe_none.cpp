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

} // namespace jack_server::detail
