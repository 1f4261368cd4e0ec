// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

namespace jack_server {

// The daemon's exit statuses (sysexits.h where one fits). Supervisors key on
// them: systemd units keep 64 and 78 from restarting.
enum ExitStatus : int {
    exit_ok = 0,               // stopped cleanly (signal, or -T after the last client left)
    exit_assertion_failed = 1, // stopped cleanly but a run assertion failed
    exit_usage = 64,           // bad command line
    exit_unavailable = 69,     // the server could not be opened or started
    exit_software = 70,        // internal error
    exit_cantcreat = 73,       // the pid file or stats file could not be written
    exit_tempfail = 75,        // the engine stalled or died while running
    exit_config = 78,          // bad configuration file
};

} // namespace jack_server
