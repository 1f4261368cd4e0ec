// SPDX-License-Identifier: GPL-2.0-or-later
#include "parts/connection_keeper.hpp"

#include "engine/stats.hpp"
#include "parts/extra_cards.hpp"

namespace jack_server::detail {

ConnectionKeeper::ConnectionKeeper(std::string server_name, EventLoop& loop, Stats& stats,
                                   const std::vector<ConnectRule>& rules,
                                   const std::vector<CardSpec>& cards)
    : server_name_(std::move(server_name)), loop_(loop), stats_(stats) {
    keep(rules, cards);
}

void ConnectionKeeper::close() {
    if (patchbay_)
        patchbay_->close();
}

std::optional<Outcome> ConnectionKeeper::on_wake() {
    if (patchbay_ && patchbay_->ports_changed())
        apply();
    return std::nullopt;
}

void ConnectionKeeper::on_change(const Change& change) {
    keep(change.running.connections, change.running.cards);
}

void ConnectionKeeper::keep(const std::vector<ConnectRule>& rules,
                            const std::vector<CardSpec>& cards) {
    if (!patchbay_ && rules.empty())
        return;
    if (!patchbay_)
        patchbay_.emplace(server_name_, loop_);
    patchbay_->set_renames(playback_client_renames(cards));
    patchbay_->set_rules(rules);
    apply();
}

void ConnectionKeeper::apply() {
    patchbay_->apply();
    stats_.set_unmatched(patchbay_->unmatched());
}

} // namespace jack_server::detail
