// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>
#include <systemd/sd-bus.h>
#include <vector>

namespace jack_server::detail {

struct BusInterface {
    const char* name;
    const sd_bus_vtable* vtable;
};

// The introspection XML of an object with these interfaces, in jackdbus's
// shape (its controller_iface_introspectable.c): a DOCTYPE, the node with
// its path, org.freedesktop.DBus.Introspectable first, then each interface's
// methods with every argument named and directed, then its signals; entries
// marked SD_BUS_VTABLE_HIDDEN are left out. sd-bus's own would add Peer and
// Properties and describe arguments otherwise.
std::string introspection_xml(const char* path, const std::vector<BusInterface>& interfaces);

// Answers org.freedesktop.DBus.Introspectable.Introspect on path with xml,
// before sd-bus's own object dispatch would. The filter ends with the slot.
// Returns sd_bus_add_filter's status.
int answer_introspection(sd_bus* bus, sd_bus_slot** slot, const char* path, const std::string& xml);

} // namespace jack_server::detail
