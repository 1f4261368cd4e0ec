// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "jack_server/server.hpp"

#include <optional>
#include <string>

namespace jack_server {

// Sets the server's parameters, selects the master driver and sets its
// parameters. Call before open(). Throws ParameterError naming the setting's
// origin, DriverNotFoundError.
void apply_parameters(Server& server, const Config& config);

// Adds the slave drivers and loopback ports: between open() and start(), as
// libjackserver refuses them on a running server.
// Throws ServerNotStartedError with JACK's reason.
void add_slaves(Server& server, const Config& config);

// Loads the internal clients, then the session file: after start(). (jackd
// loads them before start, where each waits up to 5 s for the engine's first
// cycle.) Throws ServerNotStartedError with JACK's reason.
void load_internals(Server& server, const Config& config);

// One line that says what runs: "server 'default': driver alsa, device hw:0,
// rate 48000 Hz, period 256 frames, nperiods 3, realtime (priority 10)".
// realtime_shortfall: what a server asked to run realtime lacks
// (realtime_state.hpp), said instead of "realtime (priority N)".
std::string describe(const Server& server,
                     const std::optional<std::string>& realtime_shortfall = std::nullopt);

// The device the master driver opened, as the summary names it: -P or -C when
// given (the alsa driver's playback and capture devices), else -d; nothing
// for a driver without devices.
std::optional<std::string> device_opened(const Server& server);

} // namespace jack_server
