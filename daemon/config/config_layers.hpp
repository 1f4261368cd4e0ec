// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"

namespace jack_server {

// The one precedence rule of jack-server's configuration. Layers apply in this
// order, each over the ones before: libjackserver's defaults (never stored in a
// Config), the .jackdrc, the config file, the command line. Over a lower layer,
// an upper one
// - overrides each server parameter it sets;
// - with a driver of the same name, overrides or adds that driver's parameters;
//   with another driver, replaces the driver and all its parameters; with no
//   driver, keeps the lower one's;
// - adds slave drivers and internal clients; one already there by name gets the
//   upper layer's parameters over its own;
// - overrides each of jack-server's own options it sets (options.hpp), which
//   Config::origins records.
// Every value keeps the origin of the layer it came from. Never throws.
void apply_layer(Config& lower, const Config& upper);

// The environment's layer, between the config file and the command line: each
// option with an environment variable that is set (options.hpp), unless the
// command line set the option. Its origin: "environment NAME". Never throws.
void apply_environment(Config& config);

} // namespace jack_server
