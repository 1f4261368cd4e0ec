// SPDX-License-Identifier: GPL-2.0-or-later
#include "binaries.hpp"

#include "process.hpp"

#include <cstdlib>
#include <sstream>

namespace test {

std::string jack_server_binary() {
    if (const char* chosen = std::getenv("JACK_SERVER_BINARY"); chosen != nullptr && *chosen)
        return chosen;
    return JACK_SERVER_BUILT_BINARY;
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
