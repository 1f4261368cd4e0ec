// SPDX-License-Identifier: GPL-2.0-or-later
#include "jack_server/parameter.hpp"

#include "jack_handles.hpp"
#include "jack_server/error.hpp"
#include "jack_server/parameter_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fmt/format.h>
#include <jack/control.h>
#include <limits>

namespace jack_server {

namespace {

ParameterValue from_jack(ParameterType type, const jackctl_parameter_value& raw) {
    switch (type) {
    case ParameterType::int32:
        return raw.i;
    case ParameterType::uint32:
        return raw.ui;
    case ParameterType::character:
        return raw.c;
    case ParameterType::string:
        return std::string(raw.str);
    case ParameterType::boolean:
        return raw.b;
    }
    throw Error("unknown parameter type");
}

// value must already hold the alternative that matches the parameter's type.
jackctl_parameter_value to_jack(const ParameterValue& value) {
    jackctl_parameter_value raw{};
    std::visit(
        [&raw](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::int32_t>)
                raw.i = v;
            else if constexpr (std::is_same_v<T, std::uint32_t>)
                raw.ui = v;
            else if constexpr (std::is_same_v<T, char>)
                raw.c = v;
            else if constexpr (std::is_same_v<T, bool>)
                raw.b = v;
            else
                std::memcpy(raw.str, v.c_str(), v.size() + 1);
        },
        value);
    return raw;
}

// The other integer type, converted when representable; std::nullopt otherwise.
std::optional<ParameterValue> convert_integer(const ParameterValue& value, ParameterType to) {
    if (to == ParameterType::int32) {
        if (auto* u = std::get_if<std::uint32_t>(&value);
            u && *u <= static_cast<std::uint32_t>(std::numeric_limits<std::int32_t>::max()))
            return static_cast<std::int32_t>(*u);
    } else if (to == ParameterType::uint32) {
        if (auto* i = std::get_if<std::int32_t>(&value); i && *i >= 0)
            return static_cast<std::uint32_t>(*i);
    }
    return std::nullopt;
}

bool less(const ParameterValue& a, const ParameterValue& b) {
    return a < b; // same alternative here: variant compares the held values
}

// "for example: -r 48000" when subject is a command-line option ("-r/--rate"),
// "for example: rate = 48000" otherwise.
std::string example(const std::string& subject, const std::string& name, std::string_view value) {
    if (subject.starts_with("-"))
        return fmt::format("for example: {} {}", subject.substr(0, subject.find('/')), value);
    return fmt::format("for example: {} = {}", name, value);
}

// Values libjackserver accepts without working: its metadata gives no range
// here, and the engine then fails late with an unclear reason or runs broken.
// JACK names files in /dev/shm after the server: an empty name or one with '/'
// fails deep in the engine, or (empty) starts a server no client can name. A
// driver at 0 Hz or with empty periods spins. Returns the refusal, if any.
std::optional<ParameterError> refuse_unworkable(bool server, const std::string& name,
                                                const ParameterValue& value,
                                                const std::string& prefix,
                                                const std::string& subject) {
    if (server && name == "name") {
        const auto& text = std::get<std::string>(value);
        if (text.empty())
            return ParameterError(
                fmt::format("{}empty value for {}: expected a server name", prefix, subject),
                subject.starts_with("-") ? fmt::format("leave {} out to use the name 'default'",
                                                       subject.substr(0, subject.find('/')))
                                         : std::string("leave it out to use the name 'default'"));
        if (text.find('/') != std::string::npos)
            return ParameterError(fmt::format("{}invalid value '{}' for {}: a server name cannot "
                                              "contain '/'",
                                              prefix, text, subject),
                                  "JACK names files in /dev/shm after the server; pick a name "
                                  "without '/'");
    }
    if (!server && (name == "rate" || name == "period")) {
        const auto* number = std::get_if<std::uint32_t>(&value);
        if (number != nullptr && *number == 0)
            return ParameterError(fmt::format("{}invalid value '0' for {}: expected a whole number "
                                              "from 1 to 4294967295",
                                              prefix, subject),
                                  example(subject, name, name == "rate" ? "48000" : "256"));
    }
    return std::nullopt;
}

// jackd reads a letter-valued driver option by its first letter, and its
// manual names the letters by words: "-z --dither [rectangular,triangular,
// shaped,none]". libjackserver describes each choice of such an option by that
// word ('s', "shaped"). A word accepted here is a choice's one-word description
// that begins with the choice's letter, so it means what jackd reads it as;
// anything else ("sausage", which jackd reads as 's', or "Shaped", which it
// refuses) is refused.
std::optional<char> letter_named(const Parameter& parameter, const std::string& word) {
    if (parameter.type() != ParameterType::character || !parameter.choices_are_strict() ||
        word.size() < 2)
        return std::nullopt;
    for (const auto& choice : parameter.choices()) {
        char letter = std::get<char>(choice.value);
        const auto& description = choice.description;
        bool one_word = std::all_of(description.begin(), description.end(), [](char c) {
            return std::isalpha(static_cast<unsigned char>(c)) != 0;
        });
        if (one_word && word == description && description.front() == letter)
            return letter;
    }
    return std::nullopt;
}

} // namespace

std::string Parameter::name() const {
    return jackctl_parameter_get_name(JackHandles::of(*this));
}

std::string Parameter::short_description() const {
    return jackctl_parameter_get_short_description(JackHandles::of(*this));
}

std::string Parameter::long_description() const {
    return jackctl_parameter_get_long_description(JackHandles::of(*this));
}

char Parameter::id() const {
    return jackctl_parameter_get_id(JackHandles::of(*this));
}

ParameterType Parameter::type() const {
    return static_cast<ParameterType>(jackctl_parameter_get_type(JackHandles::of(*this)) -
                                      JackParamInt);
}

ParameterValue Parameter::value() const {
    return from_jack(type(), jackctl_parameter_get_value(JackHandles::of(*this)));
}

ParameterValue Parameter::default_value() const {
    return from_jack(type(), jackctl_parameter_get_default_value(JackHandles::of(*this)));
}

bool Parameter::is_set() const {
    return jackctl_parameter_is_set(JackHandles::of(*this));
}

ParameterValue Parameter::validated(const ParameterValue& value, std::string_view spelled) const {
    std::string prefix = owner_.empty() ? "" : owner_ + ": ";
    std::string subject = spelled.empty() ? "'" + name() + "'" : std::string(spelled);
    auto refuse = [&](const ParameterValue& shown) -> ParameterError {
        return ParameterError(fmt::format("{}invalid value '{}' for {}: expected {}", prefix,
                                          format_value(shown), subject, describe_expected(*this)));
    };

    ParameterValue typed = value;
    if (auto* word = std::get_if<std::string>(&value))
        if (auto letter = letter_named(*this, *word))
            typed = *letter;
    if (typed.index() != static_cast<std::size_t>(type())) {
        auto converted = convert_integer(value, type());
        if (!converted)
            throw refuse(value);
        typed = *converted;
    }
    if (auto* s = std::get_if<std::string>(&typed); s && s->size() > parameter_string_max)
        throw refuse(typed);
    if (auto limits = range(); limits && (less(typed, limits->min) || less(limits->max, typed)))
        throw refuse(typed);
    if (choices_are_strict()) {
        auto options = choices();
        bool listed = options.empty();
        for (const auto& option : options)
            listed = listed || option.value == typed;
        if (!listed)
            throw refuse(typed);
    }
    if (auto refusal = refuse_unworkable(owner_.empty(), name(), typed, prefix, subject))
        throw *refusal;
    return typed;
}

void Parameter::set_value(const ParameterValue& value) {
    auto raw = to_jack(validated(value));
    jackctl_parameter_set_value(JackHandles::of(*this), &raw);
}

void Parameter::reset() {
    jackctl_parameter_reset(JackHandles::of(*this));
}

std::optional<ParameterRange> Parameter::range() const {
    if (!jackctl_parameter_has_range_constraint(JackHandles::of(*this)))
        return std::nullopt;
    jackctl_parameter_value min{}, max{};
    jackctl_parameter_get_range_constraint(JackHandles::of(*this), &min, &max);
    return ParameterRange{from_jack(type(), min), from_jack(type(), max)};
}

std::vector<ParameterChoice> Parameter::choices() const {
    std::vector<ParameterChoice> result;
    if (!jackctl_parameter_has_enum_constraint(JackHandles::of(*this)))
        return result;
    auto count = jackctl_parameter_get_enum_constraints_count(JackHandles::of(*this));
    for (std::uint32_t i = 0; i < count; ++i) {
        result.push_back(
            {from_jack(type(),
                       jackctl_parameter_get_enum_constraint_value(JackHandles::of(*this), i)),
             jackctl_parameter_get_enum_constraint_description(JackHandles::of(*this), i)});
    }
    return result;
}

bool Parameter::choices_are_strict() const {
    return jackctl_parameter_has_enum_constraint(JackHandles::of(*this)) &&
           jackctl_parameter_constraint_is_strict(JackHandles::of(*this));
}

Parameter ParameterList::at(std::string_view name) const {
    if (auto found = find(name))
        return *found;
    throw ParameterError(
        fmt::format("{} has no parameter '{}'", owner_.empty() ? "the server" : owner_, name));
}

std::optional<Parameter> ParameterList::find(std::string_view name) const {
    for (const auto& parameter : parameters_)
        if (parameter.name() == name)
            return parameter;
    return std::nullopt;
}

std::optional<Parameter> ParameterList::find_by_id(char id) const {
    for (const auto& parameter : parameters_)
        if (id != '\0' && parameter.id() == id)
            return parameter;
    return std::nullopt;
}

std::string_view to_string(ParameterType type) {
    switch (type) {
    case ParameterType::int32:
        return "int";
    case ParameterType::uint32:
        return "uint";
    case ParameterType::character:
        return "char";
    case ParameterType::string:
        return "string";
    case ParameterType::boolean:
        return "bool";
    }
    return "unknown";
}

} // namespace jack_server
