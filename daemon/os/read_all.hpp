// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>

namespace jack_server::detail {

// What can be read from fd now: up to its end or an error, and on a
// descriptor that never blocks, up to what has come so far.
std::string read_all(int fd);

} // namespace jack_server::detail
