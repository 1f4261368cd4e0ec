// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "part.hpp"
#include "parts/patchbay.hpp"

#include <optional>
#include <string>
#include <vector>

namespace jack_server::detail {

class EventLoop;
class Stats;

// The connections the daemon keeps ([[connect]], --connect) as a part: its
// Patchbay client is opened once there are entries (at start or by a
// reload), makes the wanted connections whenever ports come or go, takes the
// entries a reload brings, and tells the stats which entries match nothing.
class ConnectionKeeper final : public Part {
public:
    // Throws ServerNotStartedError when the patchbay client cannot be opened.
    ConnectionKeeper(std::string server_name, EventLoop& loop, Stats& stats,
                     const std::vector<ConnectRule>& rules,
                     const std::vector<CardSpec>& cards = {});

    // Closes the patchbay's client (see Patchbay::close).
    void close();

    std::optional<Outcome> on_wake() override;
    void on_change(const Change& change) override;

private:
    void keep(const std::vector<ConnectRule>& rules, const std::vector<CardSpec>& cards);
    void apply();

    std::string server_name_;
    EventLoop& loop_;
    Stats& stats_;
    std::optional<Patchbay> patchbay_;
};

} // namespace jack_server::detail
