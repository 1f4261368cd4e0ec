// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jack_server {

// The five value types of libjackserver's parameters, in jackctl's order.
enum class ParameterType { int32, uint32, character, string, boolean };

// A typed parameter value. The alternatives are in ParameterType's order, so
// value.index() == static_cast<size_t>(type).
using ParameterValue = std::variant<std::int32_t, std::uint32_t, char, std::string, bool>;

// Longest string value libjackserver stores (JACK_PARAM_STRING_MAX).
inline constexpr std::size_t parameter_string_max = 127;

struct ParameterRange {
    ParameterValue min;
    ParameterValue max;
};

struct ParameterChoice {
    ParameterValue value;
    std::string description;
};

// A view of one jackctl parameter of a server, driver or internal client. It is
// valid as long as the Server it came from. Copying a Parameter copies the view.
class Parameter {
public:
    std::string name() const;
    std::string short_description() const;
    std::string long_description() const;
    // The one-character id drivers use on the command line ('r' for rate); '\0' for
    // server parameters, which have none.
    char id() const;
    ParameterType type() const;
    const std::string& owner() const { return owner_; }

    ParameterValue value() const;
    ParameterValue default_value() const;
    bool is_set() const;

    // Checks the value against type and constraints, then stores it. A value of the
    // other integer type is accepted when it is representable. A letter-valued
    // parameter with strict choices also takes the word its choice is described
    // by, as jackd's manual names it ("shaped" for the alsa driver's dither 's').
    // Throws ParameterError naming the parameter and what is allowed; never
    // truncates or clamps.
    void set_value(const ParameterValue& value);
    // The value set_value would store, converted to this parameter's type.
    // spelled is how the user named the parameter ("-r/--rate"); empty means name().
    // Throws ParameterError "[<owner>: ]invalid value '<v>' for <spelled>: expected <what>".
    ParameterValue validated(const ParameterValue& value, std::string_view spelled = {}) const;
    // Back to the default value, and no longer "set".
    void reset();

    std::optional<ParameterRange> range() const;
    std::vector<ParameterChoice> choices() const;
    // True when a value outside choices() is refused.
    bool choices_are_strict() const;

private:
    friend struct JackHandles; // the library's bridge to libjackserver's types
    struct Handle;             // libjackserver's parameter, opaque to users
    // owner names what the parameter belongs to in messages ("driver 'alsa'"); it is
    // empty for server parameters.
    Parameter(Handle* handle, std::string owner) : handle_(handle), owner_(std::move(owner)) {}
    Handle* handle_;
    std::string owner_;
};

// The parameters of one owner, in libjackserver's order, found by name or by id.
class ParameterList {
public:
    ParameterList() = default;
    // owner as in Parameter: "driver 'alsa'", empty for the server.
    ParameterList(std::string owner, std::vector<Parameter> parameters)
        : owner_(std::move(owner)), parameters_(std::move(parameters)) {}

    // Throws ParameterError "<owner> has no parameter '<name>'".
    Parameter at(std::string_view name) const;
    std::optional<Parameter> find(std::string_view name) const;
    std::optional<Parameter> find_by_id(char id) const;

    auto begin() const { return parameters_.begin(); }
    auto end() const { return parameters_.end(); }
    std::size_t size() const { return parameters_.size(); }
    bool empty() const { return parameters_.empty(); }

private:
    std::string owner_;
    std::vector<Parameter> parameters_;
};

std::string_view to_string(ParameterType type);

} // namespace jack_server
