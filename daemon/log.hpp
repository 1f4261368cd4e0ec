// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"

#include <string_view>

namespace jack_server {

// Sets up spdlog for the daemon: text to stderr, with syslog-style "<N>"
// priority prefixes and no timestamps when stderr is the systemd journal.
// Routes libjackserver's info and error output into the "jack" logger (its
// errors dropped when options.silent). Safe to call again with new options.
void setup_logging(const DaemonOptions& options);

// Logs one error line through the daemon's logger, in the format
// setup_logging chose. The one way for the program around the library to log,
// so that library and program never hold two different loggers.
void log_error(std::string_view message);

// "error", "warn", "info", "debug": as --log-level and config files spell them.
std::string_view to_string(LogLevel level);

} // namespace jack_server
