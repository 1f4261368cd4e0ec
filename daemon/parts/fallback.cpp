// SPDX-License-Identifier: GPL-2.0-or-later
#include "parts/fallback.hpp"

#include "cards/device_identity.hpp"
#include "engine/deadline.hpp"
#include "engine/driver_connections.hpp"
#include "exit_status.hpp"
#include "jack_server/error.hpp"
#include "jack_server/server.hpp"
#include "log.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace jack_server::detail {

namespace {

// Sets the parameter when the driver has it: not every driver has a period.
void set_if_present(Driver& driver, std::string_view name, std::uint32_t value) {
    for (auto parameter : driver.params())
        if (parameter.name() == name)
            parameter.set_value(value);
}

} // namespace

void switch_to_fallback(Server& server, const Fallback& fallback, std::uint32_t rate,
                        std::uint32_t period, jack_client_t* reader) {
    auto driver = server.get_driver(fallback.driver);
    if (fallback.device)
        driver.set_device(jack_server::resolve_device(*fallback.device));
    set_if_present(driver, "rate", rate);
    set_if_present(driver, "period", period);
    auto connections = DriverConnections::save(server.name(), reader);
    server.switch_master(driver);
    for (const auto& lost : connections.restore())
        log::warn("fallback: connection {} lost with driver '{}'", lost, driver.name());
}

Config on_fallback(const Config& running, const Fallback& fallback) {
    auto config = running;
    config.driver = {fallback.driver, {}};
    if (fallback.device)
        config.driver.params["device"] = {*fallback.device, "--fallback"};
    return config;
}

CardReturn switch_to_card(Server& server, const Config& running, const PluginConfig& card,
                          std::chrono::milliseconds timeout, const std::string& what) {
    auto wanted = running;
    wanted.driver = card;
    CardReturn back;
    {
        Deadline deadline(timeout, exit_tempfail, what);
        back.result = reload(server, running, wanted);
    }
    if (back.result.server_lost) {
        log::error("the {} failed: {}", what, back.result.error);
        back.ending = Outcome{exit_tempfail,
                              fmt::format("the {} left the engine without a driver", what), true};
    }
    return back;
}

} // namespace jack_server::detail
