// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/catalog.hpp"
#include "config/config.hpp"
#include "config/config_print.hpp"
#include "jack_server/server.hpp"
#include "list_options.hpp"

#include <optional>
#include <string>
#include <vector>

namespace jack_server::cli {

// What the command line asks for.
struct CommandLine {
    enum class Action { run, help, version, driver_help, list, print_config, check, doctor };
    Action action = Action::run;
    Config config;       // for run; for driver_help, config.driver.name names the driver
    ListRequest listing; // for list
    ConfigFormat print_format = ConfigFormat::toml; // for print_config
    bool json = false;                              // for doctor: --json
};

// Reads jackd's command line (without the program name): server options up to
// the first -d NAME, then that driver's arguments. catalog is any Server; its
// drivers and parameters give the metadata values are checked against. With
// --config or --jackdrc, the driver may come from the file, and the result is
// the layers over one another (config_layers.hpp).
// Throws UsageError, ConfigError.
CommandLine parse_command_line(const std::vector<std::string>& words, const Catalog& catalog);

// The plugins a command line to run a server needs, by name: its master
// driver, slave drivers ("loopback" for -L) and internal clients. std::nullopt
// when it asks for help or the version, names no driver, or is malformed: then
// the full catalog is needed, to answer or to list what exists. Never throws.
std::optional<std::vector<std::string>> plugins_needed(const std::vector<std::string>& words);

} // namespace jack_server::cli
