// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>
#include <vector>

namespace jack_server::detail {

// One thing --doctor found: what it looked at, what it saw, and, when
// something is wrong, how to put it right.
struct Finding {
    enum class Level {
        ok,      // ✓
        warning, // ✗, but a server still starts (without realtime, say)
        failure, // ✗, and a server would not start
    };
    std::string topic; // "libjackserver", "realtime", "device hw:1"...
    Level level = Level::ok;
    std::string said;
    std::string fix; // empty when ok
};

using Findings = std::vector<Finding>;

// Whether a server could start with what was examined: no failure.
bool could_start(const Findings& findings);

} // namespace jack_server::detail
