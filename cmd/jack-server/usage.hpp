// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/catalog.hpp"
#include "jack_server/server.hpp"

#include <ostream>

namespace jack_server::cli {

// -h/--help: the grammar, every server option, the drivers and internal clients
// this libjackserver offers, and the exit statuses.
void print_usage(std::ostream& out, const Catalog& catalog);

// -d NAME --help: that driver's parameters with id, type, default and constraints.
void print_driver_usage(std::ostream& out, const Driver& driver);

// -V/--version.
void print_version(std::ostream& out);

} // namespace jack_server::cli
