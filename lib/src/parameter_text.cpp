// SPDX-License-Identifier: GPL-2.0-or-later
#include "jack_server/parameter_text.hpp"

#include "jack_server/error.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fmt/format.h>
#include <limits>

namespace jack_server {

namespace {

template <typename Integer> std::optional<Integer> parse_integer(std::string_view text) {
    Integer number{};
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return number;
}

std::string describe_integer(const Parameter& parameter) {
    if (auto range = parameter.range())
        return fmt::format("a whole number from {} to {}", format_value(range->min),
                           format_value(range->max));
    if (parameter.type() == ParameterType::uint32)
        return "a whole number from 0 to 4294967295";
    return "a whole number from -2147483648 to 2147483647";
}

std::string describe_choices(const Parameter& parameter) {
    std::string list;
    for (const auto& choice : parameter.choices()) {
        if (!list.empty())
            list += ", ";
        list += fmt::format("'{}' ({})", format_value(choice.value), choice.description);
    }
    return "one of " + list;
}

} // namespace

std::optional<bool> parse_bool(std::string_view text) {
    auto is = [text](std::string_view word) {
        return std::equal(text.begin(), text.end(), word.begin(), word.end(), [](char a, char b) {
            // std::tolower is undefined for a negative char (a byte of UTF-8).
            return std::tolower(static_cast<unsigned char>(a)) == b;
        });
    };
    for (std::string_view yes : {"true", "yes", "on", "1"})
        if (is(yes))
            return true;
    for (std::string_view no : {"false", "no", "off", "0"})
        if (is(no))
            return false;
    return std::nullopt;
}

ParameterValue parse_value(const Parameter& parameter, std::string_view text,
                           std::string_view spelled) {
    std::optional<ParameterValue> value;
    switch (parameter.type()) {
    case ParameterType::int32:
        if (auto n = parse_integer<std::int32_t>(text))
            value = *n;
        break;
    case ParameterType::uint32:
        if (auto n = parse_integer<std::uint32_t>(text))
            value = *n;
        break;
    case ParameterType::character:
        if (text.size() == 1)
            value = text.front();
        break;
    case ParameterType::string:
        value = std::string(text);
        break;
    case ParameterType::boolean:
        if (auto b = parse_bool(text))
            value = *b;
        break;
    }
    if (!value) {
        // Reuse validated()'s wording by handing it the text as a string, which
        // never matches a non-string parameter.
        return parameter.validated(std::string(text), spelled);
    }
    return parameter.validated(*value, spelled);
}

std::string format_value(const ParameterValue& value) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>)
                return v ? "true" : "false";
            else if constexpr (std::is_same_v<T, char>)
                return std::string(1, v);
            else if constexpr (std::is_same_v<T, std::string>)
                return v;
            else
                return std::to_string(v);
        },
        value);
}

std::string describe_expected(const Parameter& parameter) {
    if (parameter.choices_are_strict())
        return describe_choices(parameter);
    switch (parameter.type()) {
    case ParameterType::int32:
    case ParameterType::uint32:
        return describe_integer(parameter);
    case ParameterType::character:
        return "a single character";
    case ParameterType::string:
        return fmt::format("text of at most {} characters", parameter_string_max);
    case ParameterType::boolean:
        return "true or false (also yes/no, on/off, 1/0)";
    }
    return "a value";
}

} // namespace jack_server
