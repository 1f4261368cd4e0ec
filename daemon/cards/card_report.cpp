// SPDX-License-Identifier: GPL-2.0-or-later
#include "cards/card_report.hpp"

#include <fmt/format.h>

namespace jack_server::detail {

std::vector<CardReport> report_cards(const SystemRoots& roots, const BusNames& bus) {
    auto cards = read_cards(roots);
    add_holders(cards, roots);
    std::vector<CardReport> reports;
    for (auto& card : cards) {
        CardReport report;
        for (const auto& pcm : card.pcms)
            report.pcms.push_back(
                probe_pcm(fmt::format("hw:{},{}", card.index, pcm.device), pcm.playback));
        report.reservation = bus.card_reservation(card.index);
        report.card = std::move(card);
        reports.push_back(std::move(report));
    }
    return reports;
}

} // namespace jack_server::detail
