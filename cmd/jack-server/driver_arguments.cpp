// SPDX-License-Identifier: GPL-2.0-or-later
#include "driver_arguments.hpp"

#include "config/suggest.hpp"
#include "jack_server/error.hpp"
#include "jack_server/parameter_text.hpp"
#include "usage_error.hpp"

#include <cctype>
#include <fmt/format.h>
#include <optional>

namespace jack_server::cli {

namespace {

struct Word {
    std::optional<Parameter> parameter;
    std::optional<std::string> value; // glued or after '='
};

std::string spelled(const Parameter& parameter) {
    return fmt::format("-{}/--{}", parameter.id(), parameter.name());
}

[[noreturn]] void unknown_option(const Driver& driver, const std::string& word) {
    std::vector<std::string> names;
    for (const auto& parameter : driver.params())
        names.push_back("--" + parameter.name());
    std::string hint;
    if (auto near = did_you_mean(word.substr(0, word.find('=')), names))
        hint = fmt::format("did you mean '{}'? ", *near);
    hint += fmt::format("'jack-server -d {} --help' lists its parameters; jack-server's own "
                        "options go before -d",
                        driver.name());
    throw UsageError(fmt::format("driver '{}' has no option '{}'", driver.name(), word), hint);
}

Word read_option(const Driver& driver, const std::string& word) {
    auto params = driver.params();
    if (word.starts_with("--")) {
        auto equals = word.find('=');
        auto name = word.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
        auto parameter = params.find(name);
        if (!parameter)
            unknown_option(driver, word);
        if (equals == std::string::npos)
            return {parameter, std::nullopt};
        return {parameter, word.substr(equals + 1)};
    }
    auto parameter = params.find_by_id(word[1]);
    if (!parameter)
        unknown_option(driver, word.substr(0, 2));
    if (word.size() > 2)
        return {parameter, word.substr(2)};
    return {parameter, std::nullopt};
}

// The next word is a value when it is not an option. A negative number is a
// value too: jackd would misread "-p -5" as an option '-5'.
bool is_value(const std::string& word) {
    if (word.empty() || word[0] != '-')
        return !word.empty();
    return word.size() > 1 && std::isdigit(static_cast<unsigned char>(word[1]));
}

ParameterValue value_alone(const Parameter& parameter) {
    if (parameter.type() == ParameterType::boolean)
        return true;
    return parameter.default_value();
}

} // namespace

DriverArguments parse_driver_arguments(const Driver& driver, std::span<const std::string> words) {
    DriverArguments result;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& word = words[i];
        bool has_h = driver.params().find_by_id('h').has_value();
        if (word == "--help" || (word == "-h" && !has_h)) {
            result.help = true;
            continue;
        }
        if (word.size() < 2 || word[0] != '-')
            throw UsageError(
                fmt::format("driver '{}': unexpected argument '{}'", driver.name(), word),
                "a value belongs right after its option, as in '-r 48000'");
        auto [parameter, value] = read_option(driver, word);
        if (!value && i + 1 < words.size() && is_value(words[i + 1]))
            value = words[++i];
        try {
            auto typed = value ? parse_value(*parameter, *value, spelled(*parameter))
                               : value_alone(*parameter);
            result.params[parameter->name()] = Setting{typed, spelled(*parameter)};
        } catch (const ParameterError& e) {
            auto hint = e.hint().empty() ? fmt::format("'jack-server -d {} --help' describes {}",
                                                       driver.name(), spelled(*parameter))
                                         : e.hint();
            throw UsageError(e.what(), hint);
        }
    }
    return result;
}

} // namespace jack_server::cli
