// SPDX-License-Identifier: GPL-2.0-or-later
#include "fallback.hpp"

#include "config/catalog.hpp"
#include "driver_connections.hpp"
#include "jack_server/error.hpp"
#include "jack_server/server.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace jack_server::detail {

namespace {

bool has_parameter(const Driver& driver, std::string_view name) {
    auto params = driver.params();
    return std::any_of(params.begin(), params.end(),
                       [&](const auto& parameter) { return parameter.name() == name; });
}

// Sets the parameter when the driver has it: not every driver has a period.
void set_if_present(Driver& driver, std::string_view name, std::uint32_t value) {
    for (auto parameter : driver.params())
        if (parameter.name() == name)
            parameter.set_value(value);
}

} // namespace

Fallback Fallback::parse(std::string_view text) {
    auto colon = text.find(':');
    if (colon == std::string_view::npos)
        return {std::string(text), std::nullopt};
    return {std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

std::string Fallback::text() const {
    return device ? driver + ":" + *device : driver;
}

void check_fallback(const Fallback& fallback, const Catalog& catalog, const std::string& spelled) {
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

void switch_to_fallback(Server& server, const Fallback& fallback, std::uint32_t rate,
                        std::uint32_t period, jack_client_t* reader) {
    auto driver = server.get_driver(fallback.driver);
    if (fallback.device)
        driver.set_device(*fallback.device);
    set_if_present(driver, "rate", rate);
    set_if_present(driver, "period", period);
    auto connections = DriverConnections::save(server.name(), reader);
    server.switch_master(driver);
    for (const auto& lost : connections.restore())
        spdlog::warn("fallback: connection {} lost with driver '{}'", lost, driver.name());
}

} // namespace jack_server::detail
