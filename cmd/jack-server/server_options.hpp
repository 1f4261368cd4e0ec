#pragma once

#include "config_options.hpp"
#include "list_options.hpp"
#include "service_options.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace jack_server::cli {

// The server options of jackd's command line (everything before -d), as the
// words the user gave. Values are checked later, against libjackserver's metadata.
struct ServerWords {
    std::optional<std::string> name, realtime_priority, timeout, port_max, clock_source,
        autoconnect, loopback, session_file;
    std::vector<std::string> slaves, internals;
    bool sync = false, realtime = false, no_realtime = false, temporary = false, verbose = false,
         silent = false, replace_registry = false, help = false, version = false;
    bool no_mlock = false, unlock = false; // accepted and ignored, as in jackd2
    ListWords listing;
    ConfigWords config; // --config, --jackdrc, --print-config, --check
    ServiceWords service;
};

// Declares every server option on app, storing into words. The same
// declaration serves parsing and --help.
void declare_server_options(CLI::App& app, ServerWords& words);

} // namespace jack_server::cli
