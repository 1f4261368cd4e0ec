// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jack_server {

class Catalog;

// What --fallback DRIVER[:DEVICE] names: the driver the server switches to
// when the device is lost ("dummy", "alsa:hw:1"). Read and checked here, with
// the configuration; the daemon's fallback.hpp does the switch.
struct FallbackChoice {
    std::string driver;
    std::optional<std::string> device; // the driver's "device" parameter

    // Splits at the first colon: ALSA device names have colons of their own.
    static FallbackChoice parse(std::string_view text);
    std::string text() const; // as given: "alsa:hw:1"
};

// Throws ParameterError (naming spelled) when the fallback's driver is not a
// master driver of the catalog, or a device is given to a driver without one.
void check_fallback(const FallbackChoice& fallback, const Catalog& catalog,
                    const std::string& spelled);

} // namespace jack_server
