// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>
#include <sys/types.h>

namespace jack_server::detail {

// A process's command line, its arguments joined by spaces and shortened to
// 60 characters: "jackd -d dummy". "" when it is gone or hidden. Throws nothing.
std::string command_of_pid(pid_t pid);

} // namespace jack_server::detail
