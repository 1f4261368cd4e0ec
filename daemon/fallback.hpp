// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <cstdint>
#include <jack/types.h>
#include <optional>
#include <string>
#include <string_view>

namespace jack_server {
class Server;
class Catalog;
} // namespace jack_server

namespace jack_server::detail {

// What the server switches its master driver to when the device is lost
// (--fallback DRIVER[:DEVICE]): "dummy", "alsa:hw:1". It runs at the
// engine's rate and period, so clients see no change but the ports' sound.
struct Fallback {
    std::string driver;
    std::optional<std::string> device; // the driver's "device" parameter

    // Splits at the first colon: ALSA device names have colons of their own.
    static Fallback parse(std::string_view text);
    std::string text() const; // as given: "alsa:hw:1"
};

// Throws ParameterError (naming spelled) when the fallback's driver is not a
// master driver of the catalog, or a device is given to a driver without one.
void check_fallback(const Fallback& fallback, const Catalog& catalog, const std::string& spelled);

// Switches the running server's master driver to the fallback at the rate and
// period the engine runs, making the driver ports' connections again; they
// are read through `reader`, a client open on the server (the monitor's). Throws
// Error when JACK refuses: JACK closed the lost driver first, so the engine
// then runs no driver and the process must end (see ReloadResult::server_lost).
void switch_to_fallback(Server& server, const Fallback& fallback, std::uint32_t rate,
                        std::uint32_t period, jack_client_t* reader);

} // namespace jack_server::detail
