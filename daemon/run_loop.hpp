// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "limits.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace jack_server::detail {

class Command;
class EngineState;
class EventLoop;
class Notifier;
class Stats;

struct RunSettings {
    // No process cycle for this long: the engine stalled (exit 75).
    // Empty: a default derived from the period (default_stall_timeout).
    std::optional<std::chrono::milliseconds> stall_timeout;
    // SIGHUP re-reads the configuration through this when set (otherwise it
    // stops the server, as jackd does). It returns false when the reload left
    // the engine without a driver.
    std::function<bool()> reload;
    // When the master device is lost, switches to the fallback driver when set
    // (--fallback): nothing when the engine runs again, otherwise why not (the
    // loop then ends with 75). Unset: a lost device ends the loop with 75.
    std::function<std::optional<std::string>(const std::string& lost)> fall_back;
    // The longest interval between two samples of the engine (Limits::tick).
    std::chrono::milliseconds longest_tick = Limits{}.tick;
    // -- COMMAND, when one runs: a signal that would stop the server goes to
    // it instead (unless the kernel sent it to the whole process group, such
    // as a terminal's Ctrl-C), and the loop ends when it does.
    Command* command = nullptr;
    // Called on each wake-up from JACK's threads before the engine's state is
    // looked at: the patchbay connects the ports that came meanwhile.
    std::function<void()> woken;
    // On every tick, after the engine is sampled: false when what it did left
    // the engine without a driver (the loop then ends with 75).
    std::function<bool()> ticked;
};

// Why the run loop ended and the status to exit with.
struct Outcome {
    int status;
    std::string reason;
};

// The daemon's main loop, while the server runs: waits on the event loop for
// signals, ticks and the engine's wake-ups. On each tick it samples the engine
// into stats, checks that cycles advance, pings systemd's watchdog while they
// do and updates STATUS=. SIGUSR1 logs a status line, SIGUSR2 is ignored,
// SIGHUP reloads (with settings.reload). A lost device switches to the
// fallback (settings.fall_back). Returns when a stop signal arrives (status
// 0), the last client left (-T, status 0), the engine stalled or shut down,
// the device was lost with no fallback to run on, or a reload lost the
// engine (status 75). With settings.command, a stop
// signal goes to the command, and the loop returns when the command ended
// (SIGCHLD), with its status. Throws std::system_error.
Outcome run_until_stopped(EventLoop& loop, EngineState& engine, Notifier& notifier, Stats& stats,
                          const RunSettings& settings);

// The stall timeout used when none is given: 100 periods, never below 2 s.
std::chrono::milliseconds default_stall_timeout(std::uint32_t rate, std::uint32_t period);

} // namespace jack_server::detail
