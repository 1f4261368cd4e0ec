// SPDX-License-Identifier: GPL-2.0-or-later
#include "binaries.hpp"

#include "process.hpp"

#include <cstdlib>
#include <glob.h>
#include <sstream>

namespace test {

std::string jack_server_binary() {
    if (const char* chosen = std::getenv("JACK_SERVER_BINARY"); chosen != nullptr && *chosen)
        return chosen;
    return JACK_SERVER_BUILT_BINARY;
}

std::optional<std::filesystem::path> pipewire_libjackserver() {
    glob_t found{};
    std::optional<std::filesystem::path> path;
    if (glob("/usr/lib/*/pipewire-0.3/jack/libjackserver.so.0", 0, nullptr, &found) == 0 &&
        found.gl_pathc > 0)
        path = found.gl_pathv[0];
    globfree(&found);
    return path;
}

std::string driver_names(const std::string& type) {
    std::istringstream listing(run({jack_server_binary(), "--list", "drivers"}).output);
    std::string line, names;
    while (std::getline(listing, line)) {
        auto tab = line.find('\t');
        if (tab != std::string::npos && line.substr(tab + 1) == type)
            names += (names.empty() ? "" : ", ") + line.substr(0, tab);
    }
    return names;
}

} // namespace test
