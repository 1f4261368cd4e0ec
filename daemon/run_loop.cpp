// SPDX-License-Identifier: GPL-2.0-or-later
#include "run_loop.hpp"

#include "command.hpp"
#include "config/duration.hpp"
#include "config/options.hpp"
#include "engine_state.hpp"
#include "exit_status.hpp"
#include "notifier.hpp"
#include "os/event_loop.hpp"
#include "os/signal_name.hpp"
#include "stats.hpp"

#include <algorithm>
#include <spdlog/spdlog.h>

namespace jack_server::detail {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string stop_reason(const ReceivedSignal& signal) {
    return "received " + signal_name(signal.number);
}

// Often enough to see a stall within a quarter of its timeout and to ping
// the watchdog at a quarter of its interval.
milliseconds tick_interval(milliseconds longest, milliseconds stall,
                           std::optional<std::chrono::microseconds> watchdog) {
    milliseconds tick = std::min(longest, stall / 4);
    if (watchdog)
        tick = std::min(tick, std::chrono::duration_cast<milliseconds>(*watchdog / 4));
    return std::max(tick, milliseconds(10));
}

std::string command_ended(const Command& command, int status) {
    if (status > 128)
        return fmt::format("'{}' ended by {}", command.name(), signal_name(status - 128));
    return fmt::format("'{}' exited with status {}", command.name(), status);
}

// A signal the kernel sent (sender 0), such as a terminal's Ctrl-C or hang-up,
// went to the whole process group: the command has it already.
void forward(Command& command, const ReceivedSignal& signal) {
    if (signal.sender == 0) {
        spdlog::info("{}: waiting for '{}' to end", stop_reason(signal), command.name());
        return;
    }
    spdlog::info("{}: passed on to '{}'", stop_reason(signal), command.name());
    command.forward(signal.number);
}

void sample(Stats& stats, EngineState& engine) {
    stats.sample(engine.cycles(), engine.xruns(), engine.dsp_load(), engine.sample_rate(),
                 engine.period());
}

} // namespace

milliseconds default_stall_timeout(std::uint32_t rate, std::uint32_t period) {
    return default_for_engine(*find_option("daemon.stall-timeout"), rate, period);
}

Outcome run_until_stopped(EventLoop& loop, EngineState& engine, Notifier& notifier, Stats& stats,
                          const RunSettings& settings) {
    auto stall = settings.stall_timeout.value_or(
        default_stall_timeout(engine.sample_rate(), engine.period()));
    auto watchdog = notifier.watchdog_interval();
    loop.start_ticks(tick_interval(settings.longest_tick, stall, watchdog));
    spdlog::debug("stall timeout {}", format_duration(stall));

    auto last_cycles = engine.cycles();
    auto last_advance = Clock::now();
    auto last_ping = Clock::time_point{};
    for (;;) {
        auto event = loop.wait();
        switch (event.kind) {
        case Event::Kind::signal:
            if (event.signal.number == SIGUSR1) {
                sample(stats, engine);
                spdlog::info("status: {}", stats.line());
                continue;
            }
            if (event.signal.number == SIGUSR2)
                continue;
            if (event.signal.number == SIGCHLD) {
                if (settings.command)
                    if (auto status = settings.command->reap())
                        return {*status, command_ended(*settings.command, *status)};
                continue;
            }
            if (event.signal.number == SIGHUP && settings.reload) {
                notifier.reloading();
                bool kept = settings.reload();
                notifier.ready();
                if (!kept)
                    return {exit_tempfail, "the reload left the engine without a driver"};
                continue;
            }
            if (settings.command) {
                forward(*settings.command, event.signal);
                continue;
            }
            return {exit_ok, stop_reason(event.signal)};
        case Event::Kind::wake:
            if (auto lost = engine.device_lost()) {
                if (!settings.fall_back)
                    return {exit_tempfail, "the device was lost: " + *lost};
                if (auto failed = settings.fall_back(*lost))
                    return {exit_tempfail, *failed};
                engine.forget_device_lost();
                last_advance = Clock::now();
            }
            if (settings.woken)
                settings.woken();
            if (auto reason = engine.shutdown_reason())
                return {exit_tempfail, "the engine shut down: " + *reason};
            if (engine.last_client_left())
                return {exit_ok, "the last client left (-T)"};
            continue;
        case Event::Kind::tick:
            break;
        case Event::Kind::timeout:
            continue;
        }
        auto now = Clock::now();
        auto cycles = engine.cycles();
        stats.sample(cycles, engine.xruns(), engine.dsp_load(), engine.sample_rate(),
                     engine.period());
        if (cycles != last_cycles) {
            last_cycles = cycles;
            last_advance = now;
            if (watchdog && now - last_ping >= *watchdog / 2) {
                notifier.watchdog();
                last_ping = now;
            }
        } else if (now - last_advance >= stall) {
            return {exit_tempfail,
                    fmt::format("the engine stalled: no process cycle for {}",
                                format_duration(
                                    std::chrono::duration_cast<milliseconds>(now - last_advance)))};
        }
        if (settings.ticked && !settings.ticked())
            return {exit_tempfail, "the return to the card left the engine without a driver"};
        notifier.status(stats.status());
    }
}

} // namespace jack_server::detail
