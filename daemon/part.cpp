// SPDX-License-Identifier: GPL-2.0-or-later
#include "part.hpp"

namespace jack_server::detail {

SignalAnswer Parts::signal(const ReceivedSignal& signal) {
    for (auto* part : parts_)
        if (auto answer = part->on_signal(signal); answer.taken)
            return answer;
    return {};
}

std::optional<Outcome> Parts::wake() {
    for (auto* part : parts_)
        if (auto outcome = part->on_wake())
            return outcome;
    return std::nullopt;
}

std::optional<Outcome> Parts::tick(Part::Clock::time_point now) {
    for (auto* part : parts_)
        if (auto outcome = part->on_tick(now))
            return outcome;
    return std::nullopt;
}

void Parts::reload_wanted(Config& wanted) {
    for (auto* part : parts_)
        part->on_reload_wanted(wanted);
}

void Parts::change(const Change& change) {
    for (auto* part : parts_)
        part->on_change(change);
}

void Parts::stop(const Outcome& outcome) {
    for (auto* part : parts_)
        part->on_stop(outcome);
}

} // namespace jack_server::detail
