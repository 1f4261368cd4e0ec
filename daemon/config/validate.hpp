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

} // namespace jack_server
