// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "card_watch.hpp"
#include "config/config.hpp"
#include "fallback.hpp"
#include "limits.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace jack_server {
class Server;
struct ReloadResult;
} // namespace jack_server

namespace jack_server::detail {

class Monitor;
class Notifier;
class SessionBusReservation;
class Stats;

// What the daemon does when the card goes away (--fallback) and comes back:
// switches the master driver to the fallback, watches for the card, returns
// to it, and keeps the figures, STATUS= and the running Config in step.
class CardKeeper {
public:
    struct Parts {
        Server& server;
        Monitor& monitor;
        Stats& stats;
        Notifier& notifier;
        SessionBusReservation* reservation; // may be null
        Config& running;                    // what runs; updated on each switch
        // Makes the kept connections ([[connect]]) of a Config again.
        std::function<void(const Config&)> keep_connections;
    };
    // return_hold: the least time between two returns to the card.
    CardKeeper(Parts parts, Fallback fallback, const Limits& limits,
               std::chrono::milliseconds switch_timeout, std::chrono::milliseconds return_hold);

    // The device was lost: switch to the fallback. Nothing when the engine
    // runs again; why not (both reasons) when the fallback failed too, and
    // then server_lost().
    std::optional<std::string> fall_back(const std::string& lost);
    // On each tick: return to the card once it is back. False when the return
    // left the engine without a driver (then server_lost()).
    bool tick();
    // Before a SIGHUP reload applies wanted: while on the fallback, a card
    // that does not open yet is not switched to (that would leave the engine
    // without a driver); the fallback stays and its return takes wanted's
    // settings.
    void before_reload(Config& wanted);
    // After a SIGHUP reload: one that switched the master driver ends the fallback.
    void reloaded(const ReloadResult& result);

    bool server_lost() const { return server_lost_; }

private:
    void back_on_card();

    Parts parts_;
    Fallback fallback_;
    std::chrono::milliseconds switch_timeout_;
    std::optional<PluginConfig> lost_card_; // set while on the fallback
    CardWatch watch_;
    bool server_lost_ = false;
};

} // namespace jack_server::detail
