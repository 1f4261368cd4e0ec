// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/cards.hpp"

#include <fmt/format.h>
#include <fstream>
#include <regex>

namespace jack_server::detail {

std::vector<Card> present_cards(const std::string& path) {
    // Each card is two lines; the first is " 0 [PCH            ]: HDA-Intel - HDA Intel PCH":
    // number, id, driver (which may hold a '-'), " - ", name.
    static const std::regex first_line(R"(^\s*(\d+)\s+\[([^\]\s]*)\s*\]:\s*.*? - (.*)$)");
    std::vector<Card> cards;
    std::ifstream file(path);
    std::string line;
    std::smatch match;
    while (std::getline(file, line))
        if (std::regex_match(line, match, first_line))
            cards.push_back({std::stoi(match[1]), match[2], match[3]});
    return cards;
}

std::string describe_cards(const std::vector<Card>& cards) {
    std::string text;
    for (const auto& card : cards)
        text += fmt::format("{}hw:{} ({}, {})", text.empty() ? "" : ", ", card.index, card.id,
                            card.name);
    return text;
}

} // namespace jack_server::detail
