#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace jack_server::detail {

class Monitor;
class Notifier;
class SignalFd;
class Stats;

struct WatchSettings {
    // No process cycle for this long: the engine stalled (exit 75).
    // Empty: a default derived from the period.
    std::optional<std::chrono::milliseconds> stall_timeout;
    // SIGHUP re-reads the configuration through this when set (otherwise it
    // stops the server, as jackd does). It returns false when the reload left
    // the engine without a driver.
    std::function<bool()> reload;
};

// Why the watch ended and the status to exit with.
struct Outcome {
    int status;
    std::string reason;
};

// The daemon's main loop: one poll() on the signalfd, a timerfd and the
// monitor's event descriptor. Returns when a stop signal arrives, the last
// client left (-T), or the engine stalled or shut the monitor down.
Outcome watch(SignalFd& signals, Monitor& monitor, Notifier& notifier, Stats& stats,
              const WatchSettings& settings);

// The stall timeout used when none is given: 100 periods, never below 2 s.
std::chrono::milliseconds default_stall_timeout(std::uint32_t rate, std::uint32_t period);

} // namespace jack_server::detail
