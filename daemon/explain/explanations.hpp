// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "cards/card_tree.hpp"
#include "engine/server_registry.hpp"
#include "explain/pcm_facts.hpp"
#include "explain/session_setting.hpp"

#include <optional>
#include <string>
#include <vector>

// Why a server did not start, one common failure a function: each returns
// the cause and the fix as one line's words, after "cannot open server 'x': ".
// The facts come from the machine (open_failure.cpp gathers them), so each is
// a short function of what was found. None throws.
namespace jack_server::detail {

// "hw:0 (PCH, HDA Intel PCH), hw:1 (USB, Scarlett 2i2 USB)".
std::string describe_cards(const std::vector<Card>& cards);
// "pid 4242 (pulseaudio), pid 4300 (aplay)": each process once.
std::string describe_holders(const std::vector<PcmHolder>& holders);

// A device ALSA has not got: "hw:7" where there is no card 7, or a name
// no configuration defines.
std::string explain_no_device(const std::string& device, const std::vector<Card>& cards);

// The device's nodes may not be opened by this user (setting: its groups).
std::string explain_no_permission(const std::string& device, const SessionSetting& setting);

// The card is open in another process (an ALSA PCM is exclusive).
std::string explain_card_busy(const std::string& device, const std::vector<PcmHolder>& holders,
                              bool can_see_everyone);

// The card's holder on the session bus refused to hand it over (the
// reservation's own words: "the card Audio0 is held by 'PulseAudio', which
// refused to release it").
std::string explain_reservation_refused(const std::string& refusal);

// The device offers no mmap access, the only one JACK's alsa driver uses.
std::string explain_no_mmap(const std::string& device);

// A setting the device does not take (format, rate, channels or period);
// `corrected` builds the command line with one driver option changed. Empty
// when every setting is taken.
struct CorrectedLine {
    virtual ~CorrectedLine() = default;
    virtual std::string with(char option, const std::string& value) const = 0;
};
std::optional<std::string> explain_unsupported(const std::string& device, const PcmWanted& wanted,
                                               const PcmFacts& facts,
                                               const CorrectedLine& corrected);

// Another running server has the name.
std::string explain_name_in_use(const std::string& name, const RegistrySlot& holder);

// Every slot of JACK's registry is held.
std::string explain_registry_full(const std::vector<RegistrySlot>& slots);

} // namespace jack_server::detail
