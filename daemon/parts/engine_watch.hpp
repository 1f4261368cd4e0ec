// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "part.hpp"

#include <chrono>
#include <cstdint>
#include <optional>

namespace jack_server::detail {

class EngineState;
class Notifier;
class Stats;

// The part every run has, added last: it watches the engine. On each tick it
// samples the engine into the stats, checks that cycles advance, pings
// systemd's watchdog while they do and updates STATUS=. It ends the run when
// the engine stalled, shut down or lost its device (75: no part took the
// loss), when the last client left (-T, 0), and on a stop signal no part took
// (SIGINT, SIGTERM, SIGQUIT, and SIGHUP without a reload, as jackd: 0).
// SIGUSR1 logs the status line; SIGUSR2 and SIGCHLD are ignored.
class EngineWatch final : public Part {
public:
    // stall_timeout: no cycle for this long is a stall; by default
    // default_stall_timeout of the engine's rate and period. longest_tick:
    // how often at most the engine is sampled (Limits::tick).
    EngineWatch(EngineState& engine, Notifier& notifier, Stats& stats,
                std::optional<std::chrono::milliseconds> stall_timeout,
                std::chrono::milliseconds longest_tick);

    // How often the run loop should tick: often enough to see a stall within
    // a quarter of its timeout and to ping the watchdog at a quarter of its
    // interval.
    std::chrono::milliseconds tick_interval() const;

    SignalAnswer on_signal(const ReceivedSignal& signal) override;
    std::optional<Outcome> on_wake() override;
    std::optional<Outcome> on_tick(Clock::time_point now) override;
    void on_change(const Change& change) override;

private:
    void sample();

    EngineState& engine_;
    Notifier& notifier_;
    Stats& stats_;
    std::chrono::milliseconds stall_, longest_tick_;
    std::uint64_t last_cycles_;
    Clock::time_point last_advance_ = Clock::now(), last_ping_{};
};

// The stall timeout used when none is given: 100 periods, never below 2 s.
std::chrono::milliseconds default_stall_timeout(std::uint32_t rate, std::uint32_t period);

} // namespace jack_server::detail
