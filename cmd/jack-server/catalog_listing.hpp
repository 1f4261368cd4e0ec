// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/catalog.hpp"
#include "jack_server/server.hpp"
#include "list_options.hpp"

#include <ostream>

namespace jack_server::cli {

// Prints what libjackserver offers (--list): drivers, internal clients, or the
// parameters of the server, a driver or an internal client.
//
// Text: one item per line, fields separated by a tab, made for shell
// completion and for reading:
//   drivers:    NAME TYPE                 (alsa  master)
//   cards:      see card_listing.hpp
//   internals:  NAME                      (netmanager)
//   params:     SHORT LONG TYPE DEFAULT ALLOWED DESCRIPTION
//               (-r  --rate  uint  48000  -  Sample rate)
// SHORT and LONG are how the parameter is given on jack-server's command line
// ("-" when it has no short form); ALLOWED is "-", a range "1..99" or the
// values "n|r|s|t". An empty value or one with blanks is quoted: '' ' '.
// JSON carries everything libjackserver reports (see the manual).
// Throws UsageError when NAME is neither a driver nor an internal client.
void print_listing(std::ostream& out, const Catalog& catalog, const ListRequest& request);

} // namespace jack_server::cli
