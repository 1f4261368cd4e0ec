// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>
#include <vector>

namespace jack_server::detail {

// A sound card the kernel has, as /proc/asound/cards lists it.
struct Card {
    int index = 0;
    std::string id;   // "PCH"
    std::string name; // "HDA Intel PCH"
};

// The cards there are now; none when the file is missing (no ALSA in the
// kernel, or a container without /proc/asound). A stand-in until the card
// list of --list cards can answer. Throws nothing.
std::vector<Card> present_cards(const std::string& path = "/proc/asound/cards");

// "hw:0 (PCH, HDA Intel PCH), hw:1 (USB, Scarlett 2i2)".
std::string describe_cards(const std::vector<Card>& cards);

} // namespace jack_server::detail
