// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <filesystem>
#include <string>

// The library's private helpers: hidden, so only the public API is exported.
#pragma GCC visibility push(hidden)

namespace jack_server::detail {

// JACK2 names each client's futex /dev/shm/jack_sem.<uid>_<server>_<client>
// and does not unlink some of them on close (the loopback driver's, and those
// of clients of a -T server), so they pile up in /dev/shm. After its server
// closed, the owner removes the ones of that server name. A file that may
// belong to another running server whose name extends this one ("a" and
// "a_b") is kept: that server's socket jack_<name>_<uid>_0 is there.
void remove_semaphore_leftovers(const std::string& server_name,
                                const std::filesystem::path& dir = "/dev/shm") noexcept;

} // namespace jack_server::detail

#pragma GCC visibility pop
