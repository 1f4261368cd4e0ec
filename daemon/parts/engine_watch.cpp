// SPDX-License-Identifier: GPL-2.0-or-later
#include "parts/engine_watch.hpp"

#include "config/duration.hpp"
#include "config/options.hpp"
#include "engine/engine_state.hpp"
#include "engine/stats.hpp"
#include "exit_status.hpp"
#include "log.hpp"
#include "os/signal_name.hpp"
#include "process/notifier.hpp"

#include <algorithm>

namespace jack_server::detail {

using std::chrono::milliseconds;

milliseconds default_stall_timeout(std::uint32_t rate, std::uint32_t period) {
    return default_for_engine(*find_option("daemon.stall-timeout"), rate, period);
}

EngineWatch::EngineWatch(EngineState& engine, Notifier& notifier, Stats& stats,
                         std::optional<milliseconds> stall_timeout, milliseconds longest_tick)
    : engine_(engine), notifier_(notifier), stats_(stats),
      stall_(stall_timeout.value_or(default_stall_timeout(engine.sample_rate(), engine.period()))),
      longest_tick_(longest_tick), last_cycles_(engine.cycles()) {
    log::debug("stall timeout {}", format_duration(stall_));
}

milliseconds EngineWatch::tick_interval() const {
    milliseconds tick = std::min(longest_tick_, stall_ / 4);
    if (auto watchdog = notifier_.watchdog_interval())
        tick = std::min(tick, std::chrono::duration_cast<milliseconds>(*watchdog / 4));
    return std::max(tick, milliseconds(10));
}

void EngineWatch::sample() {
    stats_.sample(engine_);
}

SignalAnswer EngineWatch::on_signal(const ReceivedSignal& signal) {
    switch (signal.number) {
    case SIGUSR1:
        sample();
        log::info("status: {}", stats_.line());
        return {true, std::nullopt};
    case SIGUSR2:
    case SIGCHLD:
        return {true, std::nullopt};
    default:
        return {true, Outcome{exit_ok, "received " + signal_name(signal.number)}};
    }
}

std::optional<Outcome> EngineWatch::on_wake() {
    // A part that handles a loss (the fallback) has had its turn.
    if (auto lost = engine_.device_lost())
        return Outcome{exit_tempfail, "the device was lost: " + *lost};
    if (auto reason = engine_.shutdown_reason())
        return Outcome{exit_tempfail, "the engine shut down: " + *reason};
    if (engine_.last_client_left())
        return Outcome{exit_ok, "the last client left (-T)"};
    return std::nullopt;
}

std::optional<Outcome> EngineWatch::on_tick(Clock::time_point now) {
    sample();
    auto cycles = stats_.cycles();
    if (cycles != last_cycles_) {
        last_cycles_ = cycles;
        last_advance_ = now;
        auto watchdog = notifier_.watchdog_interval();
        if (watchdog && now - last_ping_ >= *watchdog / 2) {
            notifier_.watchdog();
            last_ping_ = now;
        }
    } else if (now - last_advance_ >= stall_) {
        return Outcome{exit_tempfail,
                       fmt::format("the engine stalled: no process cycle for {}",
                                   format_duration(std::chrono::duration_cast<milliseconds>(
                                       now - last_advance_)))};
    }
    notifier_.status(stats_.status());
    return std::nullopt;
}

void EngineWatch::on_change(const Change& change) {
    if (!change.driver_switched)
        return;
    // The new driver's first cycles are still to come.
    last_advance_ = Clock::now();
    last_cycles_ = engine_.cycles();
    const auto& driver = change.running.driver.name;
    if (change.cause == Change::Cause::fallback || change.cause == Change::Cause::sleep)
        stats_.on_fallback(driver, change.device, change.lost);
    else
        stats_.on_card(driver, change.device);
    notifier_.status(stats_.status());
}

} // namespace jack_server::detail
