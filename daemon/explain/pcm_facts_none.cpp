// SPDX-License-Identifier: GPL-2.0-or-later
// The flavour of pcm_facts.hpp for a build without ALSA: nothing is asked.
#include "explain/pcm_facts.hpp"

namespace jack_server::detail {

bool pcm_facts_built() noexcept {
    return false;
}

std::optional<PcmFacts> pcm_facts(const std::string&, const PcmWanted&) {
    return std::nullopt;
}

std::optional<int> card_of_device(const std::string&) {
    return std::nullopt;
}

} // namespace jack_server::detail
