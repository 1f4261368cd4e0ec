// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/wait_device.hpp"

#include "cards/device_identity.hpp"
#include "config/duration.hpp"
#include "explain/open_failure.hpp"
#include "jack_server/error.hpp"
#include "jack_server/server.hpp"
#include "log.hpp"
#include "os/event_loop.hpp"
#include "os/signal_name.hpp"
#include "process/notifier.hpp"

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
            log::info("stopping the wait for the device: received {}", signal_name(number));
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
                log::info("opened the server after {} attempts", attempt);
            return true;
        } catch (const ServerNotOpenedError& e) {
            server.stop();
            // A name no card matches says so itself; JACK's failures are
            // explained where they are common ones. Said once for each reason.
            bool unmatched = dynamic_cast<const DeviceNotFoundError*>(&e) != nullptr;
            if (e.what() != last_failure) {
                auto why = unmatched ? std::nullopt : explain_open_failure(server);
                log::warn("{}; retrying for up to {}",
                          why ? fmt::format("cannot open server '{}': {}", server.name(), *why)
                              : std::string(e.what()),
                          format_duration(*wait));
                last_failure = e.what();
            }
            if (Clock::now() + retry_delay > deadline) {
                auto gave_up = fmt::format("{} (gave up after waiting {} for the device)", e.what(),
                                           format_duration(*wait));
                if (unmatched)
                    throw DeviceNotFoundError(gave_up, e.hint());
                throw ServerNotOpenedError(gave_up);
            }
            // Twice the delay, so systemd's timer never runs out between two tries.
            notifier.extend_timeout(2 * retry_delay);
        }
        if (signalled_within(loop, retry_delay))
            return false;
    }
}

} // namespace jack_server::detail
