// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "jack_server/error.hpp"

#include <string>

namespace jack_server {

// A configuration file (or .jackdrc) is unreadable or wrong; the message names
// file, line and key, the hint what to do ("did you mean 'period'?").
class ConfigError : public Error {
public:
    using Error::Error;
};

// A value a Config holds is refused by validate(). A value from a file (or
// .jackdrc) is a ConfigError whose message begins with "FILE:LINE: "; one from
// the command line is a usage error for the command line to report.
class InvalidSetting : public ConfigError {
public:
    InvalidSetting(const std::string& message, std::string hint, bool from_command_line)
        : ConfigError(message, std::move(hint)), from_command_line_(from_command_line) {}
    bool from_command_line() const { return from_command_line_; }

private:
    bool from_command_line_;
};

} // namespace jack_server
