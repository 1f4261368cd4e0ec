#include "watch.hpp"

#include "config/duration.hpp"
#include "exit_status.hpp"
#include "monitor.hpp"
#include "notifier.hpp"
#include "os/signal_fd.hpp"
#include "stats.hpp"
#include "os/timer_fd.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <system_error>
#include <unistd.h>

namespace jack_server::detail {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string stop_reason(const ReceivedSignal& signal) {
    return fmt::format("received SIG{}", sigabbrev_np(signal.number));
}

// Often enough to see a stall within a quarter of its timeout and to ping
// the watchdog at a quarter of its interval.
milliseconds tick_interval(milliseconds stall, std::optional<std::chrono::microseconds> watchdog) {
    milliseconds tick = std::min(milliseconds(250), stall / 4);
    if (watchdog)
        tick = std::min(tick, std::chrono::duration_cast<milliseconds>(*watchdog / 4));
    return std::max(tick, milliseconds(10));
}

} // namespace

milliseconds default_stall_timeout(std::uint32_t rate, std::uint32_t period) {
    milliseconds floor(2000);
    if (rate == 0)
        return floor;
    return std::max(floor, milliseconds(100ull * period * 1000 / rate));
}

Outcome watch(SignalFd& signals, Monitor& monitor, Notifier& notifier, Stats& stats,
              const WatchSettings& settings) {
    auto stall = settings.stall_timeout.value_or(
        default_stall_timeout(monitor.sample_rate(), monitor.period()));
    auto watchdog = notifier.watchdog_interval();
    TimerFd timer(tick_interval(stall, watchdog));
    spdlog::debug("stall timeout {}", format_duration(stall));

    auto last_cycles = monitor.cycles();
    auto last_advance = Clock::now();
    auto last_ping = Clock::time_point{};
    for (;;) {
        pollfd fds[] = {
            {signals.fd(), POLLIN, 0}, {timer.fd(), POLLIN, 0}, {monitor.fd(), POLLIN, 0}};
        if (::poll(fds, std::size(fds), -1) < 0) {
            if (errno == EINTR)
                continue;
            throw std::system_error(errno, std::system_category(), "poll");
        }
        if (fds[0].revents & POLLIN) {
            auto signal = signals.wait();
            if (signal.number == SIGUSR1) {
                stats.sample(monitor.cycles(), monitor.xruns(), monitor.dsp_load(),
                             monitor.sample_rate(), monitor.period());
                spdlog::info("status: {}", stats.line());
                continue;
            }
            if (signal.number == SIGUSR2)
                continue;
            if (signal.number == SIGHUP && settings.reload) {
                notifier.reloading();
                bool kept = settings.reload();
                notifier.ready();
                if (!kept)
                    return {exit_tempfail, "the reload left the engine without a driver"};
                continue;
            }
            return {exit_ok, stop_reason(signal)};
        }
        if (fds[2].revents & POLLIN) {
            monitor.clear_event();
            if (auto reason = monitor.shutdown_reason())
                return {exit_tempfail, "the engine shut down: " + *reason};
            if (monitor.last_client_left())
                return {exit_ok, "the last client left (-T)"};
        }
        if (fds[1].revents & POLLIN) {
            timer.read();
            auto now = Clock::now();
            auto cycles = monitor.cycles();
            stats.sample(cycles, monitor.xruns(), monitor.dsp_load(), monitor.sample_rate(),
                         monitor.period());
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
                                    format_duration(std::chrono::duration_cast<milliseconds>(
                                        now - last_advance)))};
            }
            notifier.status(stats.status());
        }
    }
}

} // namespace jack_server::detail
