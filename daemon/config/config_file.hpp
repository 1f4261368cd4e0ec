// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/catalog.hpp"
#include "config/config.hpp"
#include "jack_server/server.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace jack_server {

// jack-server's configuration file, TOML (man jack-server.toml(5)):
//
//   loopback = 8                      # top-level keys first, as TOML wants
//   session-file = "/path"
//   [server]    name = "studio", port-max = 256, ...   (libjackserver's names)
//   [driver]    name = "alsa", device = "hw:1", rate = 48000, ...
//   [[slave]]   name = "alsarawmidi", ...
//   [[internal]] name = "netmanager", ...  (with parameters, which -I cannot pass)
//   [daemon]    log-level, log-format, silent, ready-fd, background, pid-file,
//               stall-timeout, wait-device, max-xruns, stats-file
//
// Every value is checked against catalog's parameter metadata (catalog is any
// Server; nothing is opened) and records "FILE:LINE" as its origin.

// Reads and checks the file at path. Throws ConfigError "PATH:LINE: ..." naming
// the key, the value and what is expected, with a "did you mean" hint where a
// name is near one that exists.
Config load_config_file(const std::string& path, const Catalog& catalog);

// The same for text already read; source names it in origins and messages.
Config parse_config(std::string_view text, const std::string& source, const Catalog& catalog);

} // namespace jack_server
