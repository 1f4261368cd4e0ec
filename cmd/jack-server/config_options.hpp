// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/catalog.hpp"
#include "config/config_print.hpp"
#include "jack_server/server.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>

namespace jack_server::cli {

struct CommandLine;

// The options about configuration as data, as the words the user gave.
struct ConfigWords {
    std::optional<std::string> config;       // --config FILE
    std::optional<std::string> jackdrc;      // --jackdrc [FILE]; "" for the default places
    std::optional<std::string> print_config; // --print-config[=toml|json]
    bool check = false;                      // --check
    bool doctor = false;                     // --doctor
};

// Declares --config, --jackdrc, --print-config, --check and --doctor on app.
void declare_config_options(CLI::App& app, ConfigWords& words);

// Whether the words name a config file or a .jackdrc, which may give the driver.
bool has_config_source(const ConfigWords& words);

// Layers the .jackdrc and the config file under what the command line set
// (apply_layer), records how to do it again for SIGHUP in Config::reread, and
// sets the --print-config / --check action. Throws ConfigError, UsageError.
void apply_config_options(CommandLine& command, const ConfigWords& words, const Catalog& catalog);

// Reads a .jackdrc: its first line as a jackd command line, the program path
// skipped, parsed with jackd's grammar; origins name the file. An empty path
// looks for ~/.jackdrc, then /etc/jackdrc. Throws ConfigError.
Config read_jackdrc(const std::string& path, const Catalog& catalog);

// The words of a .jackdrc line: split at blanks; '...' and "..." keep blanks,
// a backslash takes the next character as it is.
std::vector<std::string> split_words(std::string_view line);

// --check: everything a start would check short of opening the server (no
// device is touched). Prints one line saying what would run.
// Throws ConfigError (a setting from a file) or UsageError.
void check_config(Server& server, const Config& config, std::ostream& out);

} // namespace jack_server::cli
