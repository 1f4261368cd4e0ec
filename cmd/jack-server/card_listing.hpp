// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "cards/card_report.hpp"

#include <nlohmann/json_fwd.hpp>
#include <ostream>
#include <vector>

namespace jack_server::cli {

// --list cards. Text: one line for each PCM device and direction, fields
// separated by a tab:
//   DEVICE DIRECTION ID NAME USB SERIAL PATH CHANNELS RATES PERIOD MMAP HOLDERS
//   hw:1,0 playback Device 'USB Audio Device' usb:0d8c:0014 - pci-0000:00:14.0-usb-0:2:1.0
//          1..2 44100..48000 16..24000 mmap pulseaudio[812]
// "-" for what is unknown or absent; CHANNELS to MMAP read "busy" (or the
// error) when the device could not be opened. A card without PCM devices (MIDI
// only) has one line, DEVICE hw:N and DIRECTION "-". A machine with no card
// prints nothing. JSON: {"cards": [...]} with every field (see the manual).
void print_cards(std::ostream& out, const std::vector<detail::CardReport>& cards, bool json);

nlohmann::ordered_json cards_json(const std::vector<detail::CardReport>& cards);

// Whether the command line is `--list cards` (with --json or not) and nothing
// else: then no libjackserver is loaded, so it works beside PipeWire's stub.
bool lists_cards_only(const std::vector<std::string>& words);

} // namespace jack_server::cli
