#pragma once

#include "jack_server/config.hpp"
#include "jack_server/server.hpp"

namespace jack_server {

// Runs the server that config describes, in the foreground, until SIGINT,
// SIGTERM, SIGQUIT or SIGHUP arrives, or (with -T) the last client leaves.
// Returns the exit status (exit_status.hpp). server is a fresh Server (as
// created for parsing); it is configured, opened, started and stopped here.
// Throws ServerNotOpenedError / ServerNotStartedError when the server cannot
// run, with nothing left started.
int run_daemon(Server& server, const Config& config);

} // namespace jack_server
