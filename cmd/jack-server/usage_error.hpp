// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace jack_server::cli {

// A bad command line: exit status 64. The message names the option, the value
// and what is expected; the hint says what to do about it.
class UsageError : public std::runtime_error {
public:
    UsageError(const std::string& message, std::string hint)
        : std::runtime_error(message), hint_(std::move(hint)) {}
    const std::string& hint() const { return hint_; }

private:
    std::string hint_;
};

} // namespace jack_server::cli
