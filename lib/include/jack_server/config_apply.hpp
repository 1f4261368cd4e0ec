#pragma once

#include "jack_server/config.hpp"
#include "jack_server/server.hpp"

namespace jack_server {

// Sets the server's parameters, selects the master driver and sets its
// parameters. Call before open(). Throws ParameterError naming the setting's
// origin, DriverNotFoundError.
void apply_parameters(Server& server, const Config& config);

// Adds the slave drivers, loopback ports and internal clients, then loads the
// session file: what must happen between open() and start(), in jackd's order.
// Throws ServerNotStartedError with JACK's reason.
void load_components(Server& server, const Config& config);

// One line that says what runs: "server 'default': driver alsa, device hw:0,
// rate 48000 Hz, period 256 frames, nperiods 3, realtime (priority 10)".
std::string describe(const Server& server);

} // namespace jack_server
