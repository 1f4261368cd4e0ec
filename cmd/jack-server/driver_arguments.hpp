// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "jack_server/driver.hpp"

#include <span>
#include <string>

namespace jack_server::cli {

struct DriverArguments {
    ParameterSettings params;
    bool help = false; // -h/--help among them: print the driver's parameters
};

// Reads the words after "-d NAME" in jackd's driver grammar: each parameter by
// its one-character id or its long name; a value glued (-r48000), separate
// (-r 48000) or after '=' (--rate=48000). The next word is the value when it
// does not start with '-'. A bool alone is true; any other parameter alone takes
// its default value and counts as set. Throws UsageError.
DriverArguments parse_driver_arguments(const Driver& driver, std::span<const std::string> words);

} // namespace jack_server::cli
