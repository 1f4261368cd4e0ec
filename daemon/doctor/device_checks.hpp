// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "cards/card_tree.hpp"
#include "config/config.hpp"
#include "doctor/finding.hpp"

namespace jack_server::detail {

class BusNames;

// Each card and who holds it (informational), or that there is none.
Findings check_cards(const std::vector<Card>& cards, const BusNames& bus, bool opens_cards);

// The alsa driver's devices as config names them (-d, -P, -C; identities
// resolved): the card exists, has the direction, opens, takes the rate and
// the period, has mmap. rate and period: the engine's.
Findings check_alsa_devices(const PluginConfig& driver, const std::vector<Card>& cards,
                            const BusNames& bus, unsigned rate, unsigned period);

} // namespace jack_server::detail
