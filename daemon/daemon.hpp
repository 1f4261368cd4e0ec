// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "jack_server/server.hpp"
#include "limits.hpp"

namespace jack_server {

// Runs the server that config describes until SIGINT, SIGTERM, SIGQUIT or
// SIGHUP arrives, (with -T) the last client leaves, or the engine stalls or
// shuts down (exit 75). Reports readiness (sd_notify, --ready-fd, the parent
// of --background), keeps the pid file, watches the engine with an in-process
// monitor client, and logs a summary at exit. Returns the exit status
// (exit_status.hpp); with --background the parent returns here too, with the
// status it must exit with. With config.command, runs that command once the
// server is ready (Command) and stops when it ends, returning its status; a
// stop signal goes to the command; a command still running when the server
// stops or stalls is ended (SIGTERM, then SIGKILL after limits.command_grace). server is a fresh
// Server (as created for parsing) with no threads yet; it is configured, opened, started and
// stopped here. Throws ServerNotOpenedError / ServerNotStartedError when the server cannot run
// (also "already running" for a locked pid file), with nothing left started. limits: the daemon's
// time limits; tests shorten them.
// With config.daemon.unique_name the server runs under a name chosen at open
// (server_registry.hpp), which --background prints after the pid and COMMAND gets.
int run_daemon(Server& server, const Config& config, const detail::Limits& limits = {});

} // namespace jack_server
