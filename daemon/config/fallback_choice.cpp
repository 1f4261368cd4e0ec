// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/fallback_choice.hpp"

#include "config/catalog.hpp"
#include "jack_server/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace jack_server {

namespace {

bool has_parameter(const Driver& driver, std::string_view name) {
    auto params = driver.params();
    return std::any_of(params.begin(), params.end(),
                       [&](const auto& parameter) { return parameter.name() == name; });
}

} // namespace

FallbackChoice FallbackChoice::parse(std::string_view text) {
    auto colon = text.find(':');
    if (colon == std::string_view::npos)
        return {std::string(text), std::nullopt};
    return {std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

std::string FallbackChoice::text() const {
    return device ? driver + ":" + *device : driver;
}

void check_fallback(const FallbackChoice& fallback, const Catalog& catalog,
                    const std::string& spelled) {
    auto masters = catalog.driver_names(DriverType::master);
    if (std::find(masters.begin(), masters.end(), fallback.driver) == masters.end())
        throw ParameterError(
            fmt::format("invalid value '{}' for {}: expected a master driver, optionally with "
                        "its device after a colon",
                        fallback.text(), spelled),
            fmt::format("master drivers: {}; e.g. --fallback dummy or --fallback alsa:hw:1",
                        fmt::join(masters, ", ")));
    if (fallback.device && !has_parameter(catalog.get_driver(fallback.driver), "device"))
        throw ParameterError(fmt::format("invalid value '{}' for {}: driver '{}' takes no device",
                                         fallback.text(), spelled, fallback.driver),
                             fmt::format("give the driver alone: --fallback {}", fallback.driver));
}

} // namespace jack_server
