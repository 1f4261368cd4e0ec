// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/catalog.hpp"
#include "config/config.hpp"
#include "jack_server/server.hpp"

namespace jack_server {

// The one check of a whole Config, whatever made it: the command line, a
// config file, a .jackdrc, the layers of them, a reload. Every value of
// jack-server's own options goes through its option's check (options.hpp);
// every server, driver, slave and internal-client parameter through its
// Parameter (libjackserver's type and range, and what the library refuses
// besides, such as a server name with '/'). So a value refused in one place
// is refused in all, with the same words, named as its origin names it:
// "--stall-timeout" for the command line, "studio.toml:7: ... daemon.stall-timeout"
// for a file. catalog knows the plugins config names (nothing is opened).
// Throws InvalidSetting.
void validate(const Config& config, const Catalog& catalog);

// The rate and period the engine will run at: the driver's "rate" and
// "period" parameters as set, else their defaults; 0 for a driver without
// them (net, whose master decides). Throws DriverNotFoundError.
struct EngineTiming {
    std::uint32_t rate = 0, period = 0;
};
EngineTiming engine_timing(const Config& config, const Catalog& catalog);

// What the process must hold before the daemon starts, checked once then
// (never on a reload, when --ready-fd's descriptor is closed already): each
// option's check_at_start. Throws InvalidSetting.
void check_at_start(const Config& config);

} // namespace jack_server
