// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "os/event_loop.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace jack_server::detail {

// Why the run loop ended and the status to exit with.
struct Outcome {
    int status;
    std::string reason;
    // A refused driver switch left the engine with no driver: stopping it
    // would crash libjackserver (see ReloadResult::server_lost), so the
    // process reports and ends at once instead.
    bool engine_without_driver = false;
};

// What runs once the configuration or the master driver changed, as every
// part is told of it: a SIGHUP reload, a switch to the fallback when the card
// went away, the return to the card, a suspend (sleep: the master moved to
// the fallback, the cards are to be let go) and the resume (wake: the cards
// may be taken again; the master's return follows as card_back).
struct Change {
    enum class Cause { reload, fallback, card_back, sleep, wake };
    Cause cause;
    const Config& running;             // what runs now
    bool driver_switched = false;      // the master driver was switched
    std::optional<std::string> device; // with driver_switched: the devices it opened
    std::string lost;                  // with Cause::fallback, sleep: why the card was left
};

// A part's answer to a signal.
struct SignalAnswer {
    bool taken = false;             // no part after this one, nor the default, sees it
    std::optional<Outcome> outcome; // set when the signal ends the run
};

// A feature of the running daemon (reload, fallback, kept connections,
// COMMAND, the engine's watch...). Each owns its resources as a scope and is
// driven by the run loop's events through these calls, in the order the parts
// were added; it answers with structured results, never by what it logged.
// A part that changes what runs tells the others through Parts::change.
class Part {
public:
    using Clock = std::chrono::steady_clock;
    virtual ~Part() = default;

    // One of the loop's signals, not taken by a part before this one.
    virtual SignalAnswer on_signal(const ReceivedSignal&) { return {}; }
    // JACK's threads woke the loop: something may have happened.
    virtual std::optional<Outcome> on_wake() { return std::nullopt; }
    // The periodic tick.
    virtual std::optional<Outcome> on_tick(Clock::time_point) { return std::nullopt; }
    // A reload is about to apply wanted: the part may amend it.
    virtual void on_reload_wanted(Config&) {}
    // What runs changed.
    virtual void on_change(const Change&) {}
    // The run ends, before the server stops.
    virtual void on_stop(const Outcome&) {}
};

// The parts of a run, in the order they see events.
class Parts {
public:
    void add(Part& part) { parts_.push_back(&part); }

    SignalAnswer signal(const ReceivedSignal& signal);
    std::optional<Outcome> wake();
    std::optional<Outcome> tick(Part::Clock::time_point now);
    void reload_wanted(Config& wanted);
    void change(const Change& change);
    void stop(const Outcome& outcome);

private:
    std::vector<Part*> parts_;
};

} // namespace jack_server::detail
