// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <systemd/sd-bus.h>

namespace jack_server::detail {

// Requests a well-known name, never queueing for it. Throws BusUnavailable
// naming the current owner (its unique name, pid and command) when another
// connection holds it.
void own_name(sd_bus* bus, const char* name);

} // namespace jack_server::detail
