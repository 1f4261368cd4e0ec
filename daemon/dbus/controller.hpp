// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "session.hpp"

namespace jack_server {
class Server;
}

namespace jack_server::detail {

// --dbus: owns org.jackaudio.service on the session bus, with the object
// /org/jackaudio/Controller and jackdbus's interfaces (JackControl,
// Configure), and runs the server from each StartServer to its StopServer
// (a run_session each, with the parameters set over D-Bus), idle in
// between, until Exit or a stop signal (SIGINT, SIGTERM, SIGQUIT) ends the
// process. config's parameters seed the Configure tree; its driver (else
// dummy, as jackdbus) is the one selected. Readiness (notify, --ready-fd,
// --background) is reported once the name is owned. Returns the exit status: 0 after Exit or a stop
// signal. Throws BusUnavailable when the bus cannot be reached, the name is owned by another
// process (the message names it) or the bus goes away.
int run_controller(Server& server, const Config& config, const ProcessParts& process);

} // namespace jack_server::detail
