// SPDX-License-Identifier: GPL-2.0-or-later
#include "run_loop.hpp"

#include "os/event_loop.hpp"

namespace jack_server::detail {

Outcome run_until_stopped(EventLoop& loop, Parts& parts, std::chrono::milliseconds tick_interval) {
    loop.start_ticks(tick_interval);
    for (;;) {
        auto event = loop.wait();
        std::optional<Outcome> outcome;
        switch (event.kind) {
        case Event::Kind::signal:
            outcome = parts.signal(event.signal).outcome;
            break;
        case Event::Kind::wake:
            outcome = parts.wake();
            break;
        case Event::Kind::tick:
            outcome = parts.tick(Part::Clock::now());
            break;
        case Event::Kind::timeout:
            break;
        }
        if (outcome)
            return *outcome;
    }
}

} // namespace jack_server::detail
