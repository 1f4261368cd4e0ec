#pragma once

#include "jack_server/error.hpp"

#include <string>

namespace jack_server {

// A file the daemon must write (its pid file, its stats file) cannot be
// written; the message names the file and the system's reason.
class FileError : public Error {
public:
    using Error::Error;
};

// A configuration file (or .jackdrc) is unreadable or wrong; the message names
// file, line and key. The hint, when there is one, says what to do about it
// ("did you mean 'period'?").
class ConfigError : public Error {
public:
    explicit ConfigError(const std::string& message, std::string hint = {})
        : Error(message), hint_(std::move(hint)) {}
    const std::string& hint() const { return hint_; }

private:
    std::string hint_;
};

} // namespace jack_server
