#pragma once

#include "jack_server/config.hpp"
#include "jack_server/server.hpp"
#include "list_options.hpp"

#include <string>
#include <vector>

namespace jack_server::cli {

// What the command line asks for.
struct CommandLine {
    enum class Action { run, help, version, driver_help, list };
    Action action = Action::run;
    Config config;       // for run; for driver_help, config.driver.name names the driver
    ListRequest listing; // for list
};

// Reads jackd's command line (without the program name): server options up to
// the first -d NAME, then that driver's arguments. catalog is any Server; its
// drivers and parameters give the metadata values are checked against.
// Throws UsageError.
CommandLine parse_command_line(const std::vector<std::string>& words, const Server& catalog);

} // namespace jack_server::cli
