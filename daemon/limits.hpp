// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>

namespace jack_server::detail {

// The daemon's fixed time limits, in one place. They are not options: the
// defaults are what a user gets; tests pass shorter ones to run_daemon and to
// the run loop instead of waiting them out.
struct Limits {
    // A stalled driver thread can keep libjackserver's stop from returning:
    // after a stall or an engine shutdown, the stop gets this long before the
    // daemon exits 75 anyway.
    std::chrono::milliseconds stalled_stop{std::chrono::seconds(5)};
    // -- COMMAND: when the server stops or stalls under a command still
    // running, the command gets SIGTERM, and SIGKILL after this.
    std::chrono::milliseconds command_grace{std::chrono::seconds(5)};
    // Device reservation: how long the holder of a card (PulseAudio,
    // PipeWire) gets to answer a request to release it, as with jackd.
    std::chrono::milliseconds reservation_reply{std::chrono::seconds(5)};
    // On the fallback (--fallback): how often the lost card is tried. (The
    // options --reload-timeout and --card-return-hold have their defaults in
    // the options table, config/options.cpp.)
    std::chrono::milliseconds card_probe{std::chrono::seconds(1)};
    // A probe of a card (configured as JACK will run it, in a child process)
    // still running after this counts as failed and is killed: a card
    // configures in milliseconds, a wedged one or a FIFO nobody reads never.
    std::chrono::milliseconds card_probe_deadline{std::chrono::seconds(2)};
    // Extra cards (--card): how often one that is away is probed, and one
    // that is there checked; udev, where it runs, makes a probe come sooner.
    std::chrono::milliseconds extra_card_probe{500};
    // An extra card's bridge (zita-a2j, zita-j2a) whose ratio has been nan
    // this long lost track of the card's clock for good (after a gap in the
    // card's stream it can stay so, never recovering): it is restarted.
    std::chrono::milliseconds extra_card_lost_track{std::chrono::seconds(2)};
    // --wait-device: the pause between two attempts to open the server.
    std::chrono::milliseconds device_retry{500};
    // The run loop's longest tick: how often, at most, it samples the engine,
    // checks for a stall and updates STATUS=. It ticks faster for a short
    // stall timeout or watchdog interval (a quarter of either).
    std::chrono::milliseconds tick{250};
};

} // namespace jack_server::detail
