// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/fallback_choice.hpp"

#include <cstdint>
#include <jack/types.h>
#include <optional>
#include <string>
#include <string_view>

namespace jack_server {
class Server;
} // namespace jack_server

namespace jack_server::detail {

// What the server switches its master driver to when the device is lost
// (--fallback DRIVER[:DEVICE]), read by the configuration. It runs at the
// engine's rate and period, so clients see no change but the ports' sound.
using Fallback = FallbackChoice;

// Switches the running server's master driver to the fallback at the rate and
// period the engine runs, making the driver ports' connections again; they
// are read through `reader`, a client open on the server (the monitor's). Throws
// Error when JACK refuses: JACK closed the lost driver first, so the engine
// then runs no driver and the process must end (see ReloadResult::server_lost).
void switch_to_fallback(Server& server, const Fallback& fallback, std::uint32_t rate,
                        std::uint32_t period, jack_client_t* reader);

} // namespace jack_server::detail
