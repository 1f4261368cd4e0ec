// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "jack_server/server.hpp"

#include <functional>
#include <string>
#include <vector>

namespace jack_server {

// What a reload did to a running server.
struct ReloadResult {
    // The configuration now in effect: the wanted driver and logging once they
    // are applied, the running values of everything that needs a restart.
    Config running;
    // What changed, for the log: "driver dummy: period 256 → 128".
    std::vector<std::string> applied;
    // What differs but cannot change while the server runs: "port-max 256 → 512".
    std::vector<std::string> needs_restart;
    // The master driver was switched (to another driver, or the same one
    // with other parameters).
    bool driver_switched = false;
    // Why nothing was applied (a config error, JACK refusing the new driver);
    // empty when the reload went through.
    std::string error;
    // JACK refused the new driver. libjackserver has then already stopped and
    // closed the old one: the engine runs no driver, and stopping or switching
    // it again crashes libjackserver (JACK2 1.9.21, JackServer::SwitchMaster).
    // The process can only end at once with exit_tempfail, for a supervisor
    // to restart it.
    bool server_lost = false;
};

// Applies to a running server the difference between the configuration it runs
// (running) and the one wanted: another master driver, or other parameters for
// it, switch the master driver live (jackctl_server_switch_master). Clients stay
// connected; the connections of the driver's ports are saved and made again
// with the new driver's ports of the same names. Log level, format and
// silence change at once, and so do the [[connect]] entries (the caller hands
// them to its Patchbay). Server parameters, slave drivers, internal clients,
// loopback ports, the session file and other daemon options are reported in
// needs_restart and left as they are. Never throws.
ReloadResult reload(Server& server, const Config& running, const Config& wanted);

// The SIGHUP path: builds the wanted Config again from running.reread, logs a
// config error (with file and line) and leaves the server untouched, otherwise
// reload()s and logs what changed and what needs a restart. before_apply, when
// set, may amend the wanted Config first (the fallback's card keeper does).
// Never throws.
ReloadResult reload_from_sources(Server& server, const Config& running,
                                 const std::function<void(Config& wanted)>& before_apply = {});

} // namespace jack_server
