// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace jack_server::detail {

// One line of what a zita-ajbridge bridge (zita-a2j, zita-j2a) prints.
// With -v it traces its loop four times a second, "%8.3lf %10.6lf %5d":
// the timing error, the resampling ratio and the frames queued. It says
// "Starting synchronisation." each time it starts the card's stream: once
// at its start, then after each break: an ALSA error (logged as
// "Alsa_pcmi: ..."), or "Detected excessive timing errors, waiting 10
// seconds." when the card's clock stalled or jumped. At its start it lists
// its settings, a "name   : value" line each.
struct BridgeLine {
    enum class Kind { trace, synchronising, timing_errors, setting, other };
    Kind kind = Kind::other;
    // A trace line's ratio; none when zita lost track of the card ("nan").
    std::optional<double> ratio;
};
BridgeLine parse_bridge_line(std::string_view line);

// What one bridge says, read from a pseudo-terminal it writes to: zita's
// C stdio buffers a pipe by the block (its trace would come a minute late)
// but a terminal by the line. Its other lines are logged, named by the
// card (its settings only with -v).
class BridgeTrace {
public:
    // Throws std::system_error when no terminal can be had (no /dev/pts).
    BridgeTrace(std::string card, std::string bridge);
    ~BridgeTrace();
    BridgeTrace(const BridgeTrace&) = delete;
    BridgeTrace& operator=(const BridgeTrace&) = delete;

    // The bridge's end: its stdout and stderr. Closed here once the bridge
    // has it (started), so its end is the bridge's alone.
    int terminal() const { return terminal_; }
    void started();

    // Takes what the bridge has written, without waiting.
    void read();
    // The latest ratio; none before the first trace line or while zita has
    // lost track.
    std::optional<double> ratio() const { return ratio_; }
    // Times the card's stream broke and the bridge restarted it.
    unsigned restarts() const { return restarts_; }
    // Since when its ratio has been nan, line after line (read() notes the
    // time it read the first); none while it has one.
    std::optional<std::chrono::steady_clock::time_point> lost_since() const { return lost_since_; }

private:
    void take(std::string_view line);
    void note_break();

    std::string card_, bridge_;
    int reader_ = -1, terminal_ = -1;
    std::string partial_; // a line not yet ended
    std::optional<double> ratio_;
    std::optional<std::chrono::steady_clock::time_point> lost_since_;
    bool synchronised_ = false; // once: the start's own is no restart
    bool broken_ = false;       // a break seen, its restart not yet
    unsigned restarts_ = 0;
};

} // namespace jack_server::detail
