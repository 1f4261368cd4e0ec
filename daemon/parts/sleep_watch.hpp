// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "limits.hpp"
#include "part.hpp"
#include "parts/card_watch.hpp"
#include "parts/fallback.hpp"
#include "process/logind.hpp"

#include <chrono>
#include <memory>
#include <optional>

namespace jack_server {
class Server;
} // namespace jack_server

namespace jack_server::detail {

class Monitor;
class SessionBusReservation;

// Suspend and resume (logind's PrepareForSleep): before the machine sleeps,
// the master driver moves to the fallback (--fallback's, dummy when none is
// set) at the engine's rate and period, the other parts are told
// (Change::Cause::sleep: the extra cards stop their bridges), the cards'
// reservations are released, then logind's delay inhibitor is closed so the
// machine may sleep. After the resume the master returns to its card once a
// probe finds it running, as CardKeeper does (Change::Cause::wake, then
// card_back when the card came later), and a new inhibitor is taken. Clients
// keep running throughout.
class SleepWatch final : public Part {
public:
    // reservation may be null. switch_timeout: a switch still running after
    // it never returns (the process ends with 75).
    SleepWatch(std::unique_ptr<Logind> logind, Server& server, Monitor& monitor, Parts& parts,
               SessionBusReservation* reservation, Config running, Fallback fallback,
               const Limits& limits, std::chrono::milliseconds switch_timeout);

    std::optional<Outcome> on_tick(Clock::time_point now) override;
    void on_change(const Change& change) override;

private:
    std::optional<Outcome> sleep();
    void wake(Clock::time_point now);
    // Switches back to card_ once it runs; retried on ticks.
    std::optional<Outcome> return_to_card(Clock::time_point now);
    PcmSetup setup(const PluginConfig& card) const;

    std::unique_ptr<Logind> logind_;
    Server& server_;
    Monitor& monitor_;
    Parts& parts_;
    SessionBusReservation* reservation_;
    Config running_;
    Fallback fallback_;
    std::chrono::milliseconds switch_timeout_;
    CardWatch watch_;
    bool asleep_ = false;
    std::optional<PluginConfig> card_; // the card to return to, after a resume
    bool watching_ = false;            // card_ is probed (alsa): return once back
    bool on_fallback_ = false;         // the card keeper's, the card being lost
};

} // namespace jack_server::detail
