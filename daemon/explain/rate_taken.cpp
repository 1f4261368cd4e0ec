// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/rate_taken.hpp"

#include "explain/driver_line.hpp"
#include "jack_server/parameter_text.hpp"
#include "jack_server/server.hpp"

#include <fmt/format.h>

namespace jack_server::detail {

std::optional<std::string> explain_rate_taken(const Server& server,
                                              std::uint32_t running) noexcept {
    try {
        auto driver = server.driver();
        auto rate = driver.params().find("rate");
        if (driver.name() != "alsa" || !rate || running == 0)
            return std::nullopt;
        auto asked = format_value(rate->value());
        if (asked == std::to_string(running))
            return std::nullopt;
        auto device = driver.params().find("device");
        return fmt::format("'{}' does not run at {} Hz: the server runs at {} Hz, the nearest "
                           "rate it takes; ask for that rate ({}), or choose a card that takes "
                           "{} Hz",
                           device ? format_value(device->value()) : std::string("the card"), asked,
                           running, DriverLine(driver).with('r', std::to_string(running)), asked);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace jack_server::detail
