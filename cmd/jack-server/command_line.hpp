#pragma once

#include "jack_server/config.hpp"
#include "jack_server/server.hpp"

#include <optional>
#include <string>
#include <vector>

namespace jack_server::cli {

// What the command line asks for.
struct CommandLine {
    enum class Action { run, help, version, driver_help };
    Action action = Action::run;
    Config config; // for run; for driver_help, config.driver.name names the driver
};

// Reads jackd's command line (without the program name): server options up to
// the first -d NAME, then that driver's arguments. catalog is any Server; its
// drivers and parameters give the metadata values are checked against.
// Throws UsageError.
CommandLine parse_command_line(const std::vector<std::string>& words, const Server& catalog);

// The plugins a command line to run a server needs, by name: its master
// driver, slave drivers ("loopback" for -L) and internal clients. std::nullopt
// when it asks for help or the version, names no driver, or is malformed: then
// the full catalog is needed, to answer or to list what exists. Never throws.
std::optional<std::vector<std::string>> plugins_needed(const std::vector<std::string>& words);

} // namespace jack_server::cli
