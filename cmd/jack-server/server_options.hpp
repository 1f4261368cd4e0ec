// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config_options.hpp"
#include "list_options.hpp"

#include <CLI/CLI.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jack_server::cli {

// The server options of jackd's command line (everything before -d), as the
// words the user gave. Values are checked later: libjackserver's parameters
// against its metadata, jack-server's own options by their entries
// (daemon/config/options.hpp).
struct ServerWords {
    // By libjackserver's parameter name ("client-timeout"): the text given, or
    // "" for a flag given.
    std::map<std::string_view, std::optional<std::string>> parameters;
    // By the option's key in a config file ("daemon.log-level", "loopback").
    std::map<std::string_view, std::optional<std::string>> own;
    // The command line's own words.
    std::vector<std::string> slaves, internals;
    // --connect FROM=TO, as given.
    std::vector<std::string> connections;
    // --card NAME=DEVICE, as given.
    std::vector<std::string> cards;
    bool no_realtime = false, help = false, version = false;
    bool no_mlock = false, unlock = false; // accepted and ignored, as in jackd2
    ListWords listing;
    ConfigWords config; // --config, --jackdrc, --print-config, --check
};

// Declares every server option on app, storing into words: those of the
// option tables, then the command line's own. The same declaration serves
// parsing and --help.
void declare_server_options(CLI::App& app, ServerWords& words);

} // namespace jack_server::cli
