// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace test {

// The jack-server binary under test: $JACK_SERVER_BINARY when set (ctest sets
// it to run the e2e suite again against another build of the program, such
// as jack-server-posix), otherwise the one this build made.
std::string jack_server_binary();

// The installed drivers of a type ("master", "slave"), sorted and joined with
// ", " as jack-server's hints and --help list them, from `jack-server --list
// drivers`: tests compare with what is installed instead of pinning a set.
std::string driver_names(const std::string& type);

// PipeWire's stub libjackserver
// (/usr/lib/<multiarch>/pipewire-0.3/jack/libjackserver.so.0), if installed
// (package pipewire-jack).
std::optional<std::filesystem::path> pipewire_libjackserver();

} // namespace test
