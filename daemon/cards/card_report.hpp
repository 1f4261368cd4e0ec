// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "cards/bus_names.hpp"
#include "cards/card_tree.hpp"
#include "cards/pcm_capabilities.hpp"

#include <vector>

namespace jack_server::detail {

// A card as the live machine shows it now: what the kernel's trees say, what
// each PCM device offers (opened where it is free), and who holds it.
struct CardReport {
    Card card;                           // holders included
    std::vector<PcmReport> pcms;         // one for each of card.pcms, in its order
    std::optional<BusOwner> reservation; // the owner of ReserveDevice1's "Audio<N>"
};

// Reads this machine's cards (roots: the live trees unless a test gives its
// own), opens each PCM device to read its hw_params, and asks the session
// bus (when bus is connected) who reserved each card.
std::vector<CardReport> report_cards(const SystemRoots& roots, const BusNames& bus);

} // namespace jack_server::detail
