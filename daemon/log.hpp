// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"

#include <fmt/format.h>
#include <string_view>
#include <utility>

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

// The daemon's log: spdlog behind a few functions, so that only log.cpp
// compiles spdlog (header-only, hidden in the binary, and seconds of compile
// time in each file that includes it). Messages are fmt format strings,
// checked at compile time; they are formatted only when their level is on.
namespace jack_server::log {

enum class Level { debug, info, warn, error, critical };

bool enabled(Level level) noexcept;
void write(Level level, std::string_view message);
// Before the process ends without unwinding (std::quick_exit).
void flush() noexcept;

template <typename... Args>
void at(Level level, fmt::format_string<Args...> format, Args&&... args) {
    if (enabled(level))
        write(level, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args> void debug(fmt::format_string<Args...> format, Args&&... args) {
    at(Level::debug, format, std::forward<Args>(args)...);
}
template <typename... Args> void info(fmt::format_string<Args...> format, Args&&... args) {
    at(Level::info, format, std::forward<Args>(args)...);
}
template <typename... Args> void warn(fmt::format_string<Args...> format, Args&&... args) {
    at(Level::warn, format, std::forward<Args>(args)...);
}
template <typename... Args> void error(fmt::format_string<Args...> format, Args&&... args) {
    at(Level::error, format, std::forward<Args>(args)...);
}
template <typename... Args> void critical(fmt::format_string<Args...> format, Args&&... args) {
    at(Level::critical, format, std::forward<Args>(args)...);
}

} // namespace jack_server::log
