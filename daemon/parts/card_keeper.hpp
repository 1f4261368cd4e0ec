// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "limits.hpp"
#include "part.hpp"
#include "parts/card_watch.hpp"
#include "parts/fallback.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace jack_server {
class Server;
} // namespace jack_server

namespace jack_server::detail {

class Monitor;
class SessionBusReservation;

// What the daemon does when the card goes away (--fallback) and comes back:
// switches the master driver to the fallback, watches for the card, returns
// to it. The other parts learn of each switch through Parts::change.
class CardKeeper final : public Part {
public:
    // reservation may be null. switch_timeout: a switch still running after
    // it never returns (the process ends with 75). return_hold: the least
    // time between two returns to the card.
    CardKeeper(Server& server, Monitor& monitor, Parts& parts, SessionBusReservation* reservation,
               Config running, Fallback fallback, const Limits& limits,
               std::chrono::milliseconds switch_timeout, std::chrono::milliseconds return_hold);

    // The device was lost: switch to the fallback. Ends the run (75, both
    // reasons, no driver left) when the fallback fails too.
    std::optional<Outcome> on_wake() override;
    // Return to the card once it is back.
    std::optional<Outcome> on_tick(Clock::time_point now) override;
    // While on the fallback, a card that does not open yet is not switched to
    // by a reload (that would leave the engine without a driver): the
    // fallback stays and its return takes wanted's settings.
    void on_reload_wanted(Config& wanted) override;
    // A reload that switched the master driver ends the fallback.
    void on_change(const Change& change) override;

private:
    std::optional<Outcome> fall_back(const std::string& lost);
    // How the card is to run: its settings, else the engine's.
    PcmSetup setup(const PluginConfig& card) const;

    Server& server_;
    Monitor& monitor_;
    Parts& parts_;
    SessionBusReservation* reservation_;
    Config running_;
    Fallback fallback_;
    std::chrono::milliseconds switch_timeout_, probe_deadline_;
    std::optional<PluginConfig> lost_card_; // set while on the fallback
    CardWatch watch_;
};

} // namespace jack_server::detail
