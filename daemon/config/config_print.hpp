// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/catalog.hpp"
#include "config/config.hpp"
#include "jack_server/server.hpp"

#include <string>

namespace jack_server {

enum class ConfigFormat { toml, json };

// The effective configuration: every server parameter and every parameter of
// the driver, slave drivers and internal clients config selects, with its value,
// and which were set. catalog is any Server (its defaults fill what config
// leaves unset; nothing is opened).
//
// TOML is a config file (config_file.hpp): a setting given is a line
// "key = value", one left at libjackserver's default a commented line
// "# key = default". Loading the text and printing it again gives the same text.
//
// JSON: {"server": {PARAM: VALUE, ...}, "driver": {"name": N, "params": {...}},
// "slaves": [{"name": N, "params": {...}}, ...], "internals": [...],
// "loopback": N, "session-file": PATH or null, "daemon": {...},
// "set": ["server.name", "driver.rate", "slave.NAME.PARAM", ...]}, with numbers
// for int and uint, a one-character string for char.
// Throws DriverNotFoundError when config names a plugin catalog lacks.
std::string print_config(const Config& config, const Catalog& catalog, ConfigFormat format);

} // namespace jack_server
