// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "limits.hpp"
#include "part.hpp"

namespace jack_server {
class Server;
}

namespace jack_server::detail {

class EventLoop;
class Monitor;
class Notifier;
class SessionBusReservation;

// A part of the process that outlives its runs (the D-Bus controller): each
// run adds it to its parts, after the features and before -- COMMAND and the
// engine's watch, and tells it when the server serves clients. Its on_stop
// ends its use of the run's server and monitor.
class ProcessPart : public Part {
public:
    virtual void on_ready(Server& server, Monitor& monitor) = 0;
};

// What a run of the server uses of the process around it: made once per
// process (daemon.cpp), they outlive any number of runs.
struct ProcessParts {
    EventLoop& loop;
    Notifier& notifier;
    SessionBusReservation* reservation; // may be null
    const Limits& limits;
    // The process runs the server again after this run (a controller's
    // start and stop): the daemon's own clients are closed before the
    // server stops, which costs the stop up to four periods, so that their
    // descriptors and memory do not pile up from run to run. Otherwise they
    // go with the process, which ends after the run.
    bool runs_again = false;
    ProcessPart* controller = nullptr; // may be null
};

// One run of the server with every part config asks for: configures, opens
// (waiting for the device with --wait-device) and starts the server, opens
// the monitor, loads the internal clients, adds the parts (reload, fallback,
// kept connections, COMMAND, the engine's watch), reports readiness, runs the
// loop until a part ends the run, then stops the server. Returns the exit
// status (with the summary logged and the stats file written). The same
// Server may run again afterwards. Throws ServerNotOpenedError /
// ServerNotStartedError with nothing left started when the server cannot
// run. Where the run left the engine without a driver (a refused switch),
// the process ends here with std::quick_exit, since stopping would crash
// libjackserver.
int run_session(Server& server, const Config& config, const ProcessParts& process);

} // namespace jack_server::detail
