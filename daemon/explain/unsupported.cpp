// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/explanations.hpp"

#include <array>
#include <fmt/format.h>

namespace jack_server::detail {

namespace {

std::string direction(const PcmWanted& wanted) {
    return wanted.playback ? "playback" : "capture";
}

// The power of two nearest the wanted period within the range (periods of
// 2^n frames are what JACK's clients expect), else the range's end.
unsigned period_within(unsigned wanted, PcmRange range) {
    unsigned best = 0;
    for (unsigned frames = 16; frames <= 8192; frames *= 2)
        if (frames >= range.min && frames <= range.max &&
            (best == 0 || (frames > wanted ? frames - wanted : wanted - frames) <
                              (best > wanted ? best - wanted : wanted - best)))
            best = frames;
    return best ? best : (wanted < range.min ? range.min : range.max);
}

// The common rate nearest the wanted one within the range.
unsigned rate_within(unsigned wanted, PcmRange range) {
    constexpr std::array<unsigned, 8> rates{22050, 32000, 44100,  48000,
                                            88200, 96000, 176400, 192000};
    unsigned best = 0;
    for (auto rate : rates)
        if (rate >= range.min && rate <= range.max &&
            (best == 0 || (rate > wanted ? rate - wanted : wanted - rate) <
                              (best > wanted ? best - wanted : wanted - best)))
            best = rate;
    return best ? best : (wanted < range.min ? range.min : range.max);
}

std::string takes(PcmRange range, const char* unit) {
    if (range.min == range.max)
        return fmt::format("only {}{}", range.min, unit);
    return fmt::format("{} to {}{}", range.min, range.max, unit);
}

} // namespace

std::optional<std::string> explain_unsupported(const std::string& device, const PcmWanted& wanted,
                                               const PcmFacts& facts,
                                               const CorrectedLine& corrected) {
    if (!facts.format)
        return fmt::format(
            "'{}' takes none of the sample formats JACK's alsa driver writes "
            "(32-bit float, 32-, 24- or 16-bit integer) for {}; let ALSA convert: "
            "{}",
            device, direction(wanted),
            corrected.with('d', device.starts_with("hw:") ? "plug" + device : "plug:" + device));
    if (!facts.rate) {
        auto rate = rate_within(wanted.rate, facts.rates);
        return fmt::format("'{}' does not run at {} Hz for {} (it takes {}); {}", device,
                           wanted.rate, direction(wanted), takes(facts.rates, " Hz"),
                           corrected.with('r', std::to_string(rate)));
    }
    if (!facts.channels)
        return fmt::format(
            "'{}' does not take {} channels for {} (it takes {}); {}", device, wanted.channels,
            direction(wanted), takes(facts.channel_counts, ""),
            corrected.with(wanted.playback ? 'o' : 'i', std::to_string(facts.channel_counts.max)));
    if (!facts.period)
        return fmt::format(
            "'{}' does not take a period of {} frames for {} (it takes {} at {} "
            "Hz); {}",
            device, wanted.period, direction(wanted), takes(facts.periods, " frames"), wanted.rate,
            corrected.with('p', std::to_string(period_within(wanted.period, facts.periods))));
    return std::nullopt;
}

} // namespace jack_server::detail
