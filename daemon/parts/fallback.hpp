// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/fallback_choice.hpp"
#include "engine/reload.hpp"
#include "part.hpp"

#include <chrono>
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

// running with the fallback as its master driver: what runs once
// switch_to_fallback succeeded, so that a reload back to the card is a change.
Config on_fallback(const Config& running, const Fallback& fallback);

// A switch of the master driver back to the card it left.
struct CardReturn {
    ReloadResult result;           // result.error set when JACK refused the card
    std::optional<Outcome> ending; // set when the engine was left without a driver
};

// Switches the running server's master driver back to card, which the
// fallback replaced, within timeout (the process ends with 75 past it). what
// names the switch in the log and the outcome: "return to the card".
CardReturn switch_to_card(Server& server, const Config& running, const PluginConfig& card,
                          std::chrono::milliseconds timeout, const std::string& what);

} // namespace jack_server::detail
