// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/wait_device.hpp"

#include "config/duration.hpp"
#include "jack_server/error.hpp"
#include "jack_server/server.hpp"
#include "os/event_loop.hpp"
#include "os/signal_name.hpp"
#include "process/notifier.hpp"

#include <spdlog/spdlog.h>

namespace jack_server::detail {

namespace {

using Clock = std::chrono::steady_clock;

// Waits for delay unless a signal comes first; true when one did. SIGUSR1
// and SIGUSR2 are read and ignored here.
bool signalled_within(EventLoop& loop, std::chrono::milliseconds delay) {
    auto until = Clock::now() + delay;
    for (auto left = delay; left.count() > 0;
         left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now())) {
        auto event = loop.wait(left);
        if (event.kind != Event::Kind::signal)
            continue;
        auto number = event.signal.number;
        if (number != SIGUSR1 && number != SIGUSR2) {
            spdlog::info("stopping the wait for the device: received {}", signal_name(number));
            return true;
        }
    }
    return false;
}

} // namespace

bool open_waiting(Server& server, std::optional<std::chrono::milliseconds> wait,
                  std::chrono::milliseconds retry_delay, Notifier& notifier, EventLoop& loop,
                  const std::function<void()>& before_open) {
    if (!wait) {
        if (before_open)
            before_open();
        server.open();
        return true;
    }
    auto deadline = Clock::now() + *wait;
    std::string last_failure;
    for (int attempt = 1;; ++attempt) {
        try {
            if (before_open)
                before_open();
            server.open();
            if (attempt > 1)
                spdlog::info("opened the server after {} attempts", attempt);
            return true;
        } catch (const ServerNotOpenedError& e) {
            server.stop();
            if (e.what() != last_failure) {
                spdlog::warn("{}; retrying for up to {}", e.what(), format_duration(*wait));
                last_failure = e.what();
            }
            if (Clock::now() + retry_delay > deadline)
                throw ServerNotOpenedError(
                    fmt::format("{} (gave up after waiting {} for the device)", e.what(),
                                format_duration(*wait)));
            // Twice the delay, so systemd's timer never runs out between two tries.
            notifier.extend_timeout(2 * retry_delay);
        }
        if (signalled_within(loop, retry_delay))
            return false;
    }
}

} // namespace jack_server::detail
