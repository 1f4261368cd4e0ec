// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "jack_server/parameter.hpp"

#include <nlohmann/json.hpp>

namespace jack_server {

// A parameter value as --print-config and --list write it in JSON: numbers for
// int and uint, true or false, a one-character string for char.
inline nlohmann::ordered_json json_value(const ParameterValue& value) {
    return std::visit(
        [](const auto& v) -> nlohmann::ordered_json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, char>)
                return std::string(1, v);
            else
                return v;
        },
        value);
}

} // namespace jack_server
