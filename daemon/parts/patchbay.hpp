// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"

#include <atomic>
#include <jack/types.h>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace jack_server::detail {

class EventLoop;

using PortPair = std::pair<std::string, std::string>; // source (output), destination (input)

// Whether a port name comes before another with numbers compared as numbers:
// "system:playback_2" before "system:playback_10".
bool natural_less(const std::string& a, const std::string& b);

// The connections a rule wants among the ports that exist: its from pattern
// against outputs, its to pattern against inputs (fnmatch globs; a name with
// no *, ? or [ is itself), each side in natural order. One port on a side is
// connected to every port of the other; otherwise they pair in order, the
// first with the first, up to the shorter side.
std::vector<PortPair> wanted_pairs(const ConnectRule& rule, const std::vector<std::string>& outputs,
                                   const std::vector<std::string>& inputs);

// "metro:* → system:playback_*", for the log, the status line and the stats.
std::string describe(const ConnectRule& rule);

// The connections the daemon keeps ([[connect]], --connect), made through an
// in-process client of the server, opened as the monitor's is. JACK's
// notification thread only flags that ports came or went and wakes the event
// loop; the main thread then calls apply(), which makes every wanted
// connection that is missing. So a client that comes back is connected again
// as soon as it has registered its ports, and a master-driver switch, which
// registers the driver's ports again, is covered the same way. Like the
// Monitor, destroy it only after the server stopped, or close() it before.
class Patchbay {
public:
    // Throws ServerNotStartedError when the client cannot be opened.
    Patchbay(const std::string& server_name, EventLoop& loop);
    // Closes the client (see Monitor::close).
    void close();
    Patchbay(const Patchbay&) = delete;
    Patchbay& operator=(const Patchbay&) = delete;

    // Replaces the rules (a reload). Connections made for a rule that is gone,
    // and that no remaining rule wants, are undone.
    void set_rules(const std::vector<ConnectRule>& rules);
    // Ports whose names start with a first are matched as if they started
    // with its second instead (an extra card's "mic-playback:" ports go by
    // "mic:", their aliases; see extra_cards.hpp).
    void set_renames(std::vector<std::pair<std::string, std::string>> renames);
    // Makes the missing connections, and undoes those it made that no entry
    // wants any more (see undo_unwanted); logs each at info level. Main
    // thread only.
    void apply();
    // True once when ports came or went since the last call (any thread).
    bool ports_changed() { return changed_.exchange(false); }
    // The rules one side of which matched no port at the last apply().
    const std::vector<std::string>& unmatched() const { return unmatched_; }

private:
    static void on_port(jack_port_id_t port, int registered, void* self);
    static void on_client(const char* name, int registered, void* self);
    std::vector<PortPair> wanted(const std::vector<ConnectRule>& rules,
                                 std::vector<std::string>* unmatched) const;
    std::vector<std::string> ports(unsigned long flags) const;
    void undo_unwanted(const std::set<PortPair>& wanted_now);

    jack_client_t* client_ = nullptr;
    EventLoop& loop_;
    std::vector<ConnectRule> rules_;
    std::vector<std::pair<std::string, std::string>> renames_;
    mutable std::map<std::string, std::string> real_names_; // renamed → the port's name
    std::set<PortPair> made_;   // connections this made and has not undone
    std::set<PortPair> failed_; // refused by JACK, reported once
    std::vector<std::string> unmatched_;
    std::atomic<bool> changed_{true};
};

} // namespace jack_server::detail
