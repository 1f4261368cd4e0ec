// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <filesystem>
#include <string>

// The library's private helpers: hidden, so only the public API is exported.
#pragma GCC visibility push(hidden)

namespace jack_server::detail {

// JACK2 names each client's futex /dev/shm/jack_sem.<uid>_<server>_<client>
// and does not unlink some of them on close (the loopback driver's, those of
// clients of a -T server, the driver's after an open that failed late), so
// they pile up in /dev/shm. After its server closed or failed to open, the
// owner removes the ones of that server name. A file that may
// belong to another running server whose name extends this one ("a" and
// "a_b") is kept: that server's socket jack_<name>_<uid>_0 is there. Nothing
// is removed while a server of this very name runs (an open that failed
// because the name is in use).
void remove_semaphore_leftovers(const std::string& server_name,
                                const std::filesystem::path& dir = "/dev/shm") noexcept;

} // namespace jack_server::detail

#pragma GCC visibility pop
