// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/duration.hpp"

#include "jack_server/error.hpp"

#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <utility>

namespace jack_server {

namespace {

// Milliseconds per unit.
constexpr std::pair<std::string_view, double> units[] = {
    {"us", 0.001},   {"ms", 1.0},       {"s", 1000.0},      {"sec", 1000.0},
    {"m", 60'000.0}, {"min", 60'000.0}, {"h", 3'600'000.0},
};

} // namespace

std::chrono::milliseconds parse_duration(std::string_view text, std::string_view spelled) {
    auto invalid = [&](std::string_view why) {
        return ParameterError(fmt::format("invalid value '{}' for {}: {}", text, spelled, why));
    };
    constexpr std::string_view expected = "expected a duration such as 500ms, 2s, 1.5s or 1m";
    double number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc{} || text.empty() || text.front() == '-' || text.front() == '+')
        throw invalid(expected);
    std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
    double per_unit = 0;
    if (unit.empty())
        per_unit = 1000.0;
    for (const auto& [name, value] : units)
        if (unit == name)
            per_unit = value;
    if (per_unit == 0)
        throw invalid(fmt::format("unknown unit '{}'; {}", unit, expected));
    double milliseconds = std::round(number * per_unit);
    if (!std::isfinite(milliseconds) || milliseconds > 1e12)
        throw invalid("too long");
    return std::chrono::milliseconds(static_cast<std::int64_t>(milliseconds));
}

std::string format_duration(std::chrono::milliseconds duration) {
    auto count = duration.count();
    if (count % 1000 == 0)
        return fmt::format("{} s", count / 1000);
    if (count >= 1000)
        return fmt::format("{:.3g} s", static_cast<double>(count) / 1000.0);
    return fmt::format("{} ms", count);
}

} // namespace jack_server
