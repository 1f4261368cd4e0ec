// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace jack_server::detail {

class ParameterTree;

// One parameter written as text, by its address in the tree: what the
// settings file and jackdbus's conf.xml hold.
struct SavedSetting {
    std::vector<std::string> address;
    std::string text;
    std::string origin; // "dbus.toml:12", "conf.xml"
};

// Where --dbus keeps the parameters set over D-Bus:
// $XDG_CONFIG_HOME/jack-server/dbus.toml (~/.config/jack-server/dbus.toml);
// nothing when neither XDG_CONFIG_HOME nor HOME is set.
std::optional<std::string> settings_path();
// Where jackdbus keeps its own: $XDG_CONFIG_HOME/jack/conf.xml.
std::optional<std::string> jackdbus_settings_path();

// The settings file's parameters, in its order. The file mirrors the tree:
//   [engine] driver = "alsa", realtime = false, slave-drivers = "loopback"
//   [drivers.alsa] device = "hw:1", rate = 48000
//   [internals.netmanager] multicast-ip = "225.3.19.154"
// Throws ConfigError naming the file and line when it is not such a file.
std::vector<SavedSetting> read_settings(const std::string& path);
// Writes every parameter the tree has set, replacing the file whole.
// Throws FileError.
void write_settings(const std::string& path, const ParameterTree& tree);

// Sets each saved parameter on the tree, the master driver first; one that
// the tree lacks or refuses is logged with its origin and skipped (a plugin
// may be gone). Returns how many were applied.
std::size_t apply_settings(ParameterTree& tree, const std::vector<SavedSetting>& settings);

} // namespace jack_server::detail
