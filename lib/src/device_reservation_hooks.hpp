// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#pragma GCC visibility push(hidden)

namespace jack_server::detail {

// The callbacks given to jackctl_server_create2: they forward to the
// reservation set_device_reservation() installed, or accept when none is.
// JACK reads them once, when it creates the server object, and keeps them for
// the process; the indirection lets the reservation be chosen later.
bool acquire_device(const char* device);
void release_device(const char* device);
void serve_device_reservation();

} // namespace jack_server::detail

#pragma GCC visibility pop
