// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

// The library's private helpers: hidden, so only the public API is exported.
#pragma GCC visibility push(hidden)

namespace jack_server::detail {

// Routes JACK's info and error output through the functions set with
// set_info_function / set_error_function, and remembers the last error so a
// failure can say JACK's reason. Safe to call more than once.
void install_output_handlers();

// How many errors JACK had reported when the mark was taken.
using ErrorMark = std::uint64_t;
ErrorMark error_mark();

// The errors JACK reported after mark was taken, oldest first (at most the last 16).
std::vector<std::string> errors_since(ErrorMark mark);

} // namespace jack_server::detail

#pragma GCC visibility pop
