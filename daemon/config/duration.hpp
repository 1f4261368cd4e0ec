// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace jack_server {

// Reads a duration as people write it: "500ms", "2s", "1.5s", "1m", "250us";
// a bare number is seconds. spelled names the option for the message.
// Throws ParameterError: "invalid value '2x' for --stall-timeout: expected a
// duration such as 500ms, 2s, 1.5s or 1m".
std::chrono::milliseconds parse_duration(std::string_view text, std::string_view spelled);

// "1.5 s", "250 ms": for messages.
std::string format_duration(std::chrono::milliseconds duration);

} // namespace jack_server
