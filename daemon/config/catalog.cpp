// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/catalog.hpp"

#include <algorithm>

namespace jack_server {

std::vector<std::string> Catalog::driver_names(DriverType type) const {
    std::vector<std::string> names;
    for (const auto& driver : drivers())
        if (driver.type() == type)
            names.push_back(driver.name());
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> Catalog::internal_client_names() const {
    std::vector<std::string> names;
    for (const auto& internal : internal_clients())
        names.push_back(internal.name());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace jack_server
