// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "jack_server/parameter.hpp"

#include <string>
#include <string_view>

namespace jack_server {

// Turning parameter values into text and back, the same way for the command
// line, config files and messages.

// Reads text as a value of the parameter's type, then checks its constraints.
// Integers are whole decimal numbers (no "48k", no "1e3"); bools are
// true/false, yes/no, on/off, 1/0; a char is one character, or for a char
// with strict choices the word a choice is described by ("shaped" for 's').
// Throws ParameterError as Parameter::validated does; spelled is how the user
// named the parameter ("-r/--rate"), empty for its name.
ParameterValue parse_value(const Parameter& parameter, std::string_view text,
                           std::string_view spelled = {});

// Reads a bool word; std::nullopt when text is none of the accepted words.
std::optional<bool> parse_bool(std::string_view text);

// A value as a person (and parse_value) reads it: 48000, true, h, hw:0.
std::string format_value(const ParameterValue& value);

// What the parameter accepts, for messages: "a whole number from 1 to 99",
// "one of h, s", "true or false".
std::string describe_expected(const Parameter& parameter);

} // namespace jack_server
