// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/driver_line.hpp"

#include "jack_server/parameter_text.hpp"

#include <fmt/format.h>

namespace jack_server::detail {

std::string DriverLine::with(char option, const std::string& value) const {
    auto line = fmt::format("e.g. jack-server -d {}", driver_.name());
    bool replaced = false;
    for (const auto& parameter : driver_.params()) {
        if (!parameter.is_set() && parameter.id() != option)
            continue;
        bool changed = parameter.id() == option;
        replaced = replaced || changed;
        auto text = changed ? value : format_value(parameter.value());
        // -C or -P alone: the stream on the -d device.
        line += text == "none" ? fmt::format(" -{}", parameter.id())
                               : fmt::format(" -{} {}", parameter.id(), text);
    }
    if (!replaced)
        line += fmt::format(" -{} {}", option, value);
    return line;
}

} // namespace jack_server::detail
