// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/explanations.hpp"

#include <charconv>
#include <fmt/format.h>

namespace jack_server::detail {

namespace {

// The card number of "hw:N", "hw:N,M", "plughw:N": empty for other names.
std::optional<int> card_number(const std::string& device) {
    auto colon = device.find(':');
    if (colon == std::string::npos)
        return std::nullopt;
    auto kind = device.substr(0, colon);
    if (kind != "hw" && kind != "plughw")
        return std::nullopt;
    int number = 0;
    auto digits = device.substr(colon + 1, device.find(',') - colon - 1);
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (error != std::errc() || end != digits.data() + digits.size())
        return std::nullopt;
    return number;
}

std::string the_cards(const std::vector<Card>& cards) {
    if (cards.empty())
        return "there is no sound card here: try -d dummy (a clock with no sound), or plug a "
               "card in";
    return fmt::format("the cards here: {}; choose one with -d hw:N", describe_cards(cards));
}

} // namespace

std::string describe_cards(const std::vector<Card>& cards) {
    std::string text;
    for (const auto& card : cards)
        text += fmt::format("{}hw:{} ({}, {})", text.empty() ? "" : ", ", card.index, card.id,
                            card.name);
    return text;
}

std::string explain_no_device(const std::string& device, const std::vector<Card>& cards) {
    if (auto number = card_number(device))
        return fmt::format("there is no sound card {} (-d {}); {}", *number, device,
                           the_cards(cards));
    return fmt::format("ALSA has no device '{}' (-d {}: not a card, and no ALSA configuration "
                       "defines it); {}",
                       device, device, the_cards(cards));
}

} // namespace jack_server::detail
