// SPDX-License-Identifier: GPL-2.0-or-later
// pcm_capabilities.hpp in a build without ALSA (JACK_SERVER_ALSA=OFF).
#include "cards/pcm_capabilities.hpp"

namespace jack_server::detail {

PcmReport probe_pcm(const std::string&, bool, std::optional<unsigned>,
                    std::optional<unsigned long>) {
    PcmReport report;
    report.error = "this jack-server was built without ALSA";
    return report;
}

} // namespace jack_server::detail
