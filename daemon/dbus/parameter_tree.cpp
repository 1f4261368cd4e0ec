// SPDX-License-Identifier: GPL-2.0-or-later
#include "dbus/parameter_tree.hpp"

#include "jack_server/error.hpp"
#include "jack_server/parameter_text.hpp"
#include "jack_server/server.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace jack_server::detail {

namespace {

TreeParameter from_library(const Parameter& parameter) {
    TreeParameter tree{
        .type = dbus_type(parameter.type()),
        .name = parameter.name(),
        .short_description = parameter.short_description(),
        .long_description = parameter.long_description(),
        .is_set = [parameter] { return parameter.is_set(); },
        .value = [parameter] { return parameter.value(); },
        .default_value = [parameter] { return parameter.default_value(); },
        .set =
            [parameter = Parameter(parameter)](const ParameterValue& value) mutable {
                parameter.set_value(parameter.validated(value));
            },
        .parse = [parameter](std::string_view text) { return parse_value(parameter, text); },
        .reset = [parameter = Parameter(parameter)]() mutable { parameter.reset(); },
        .values = {}};
    if (auto range = parameter.range()) {
        tree.is_range = true;
        tree.values = {{range->min, "min"}, {range->max, "max"}};
    } else {
        tree.values = parameter.choices();
    }
    tree.is_strict = !tree.values.empty() && parameter.choices_are_strict();
    return tree;
}

std::vector<TreeParameter> from_library(const ParameterList& list) {
    std::vector<TreeParameter> parameters;
    for (const auto& parameter : list)
        parameters.push_back(from_library(parameter));
    return parameters;
}

ParameterValue as_text(std::string_view text) {
    return std::string(text);
}

std::vector<std::string> names(const std::vector<TreeParameter>& parameters) {
    std::vector<std::string> names;
    for (const auto& parameter : parameters)
        names.push_back(parameter.name);
    return names;
}

} // namespace

char dbus_type(ParameterType type) {
    switch (type) {
    case ParameterType::int32:
        return 'i';
    case ParameterType::uint32:
        return 'u';
    case ParameterType::character:
        return 'y';
    case ParameterType::string:
        return 's';
    case ParameterType::boolean:
        return 'b';
    }
    return 's';
}

TreeParameter ParameterTree::driver_parameter() const {
    TreeParameter driver{.type = 's',
                         .name = "driver",
                         .short_description = "Driver to use",
                         .long_description = "",
                         .is_set = [this] { return selection_.driver_set; },
                         .value = [this] { return ParameterValue(selection_.driver); },
                         .default_value = [] { return ParameterValue(std::string("dummy")); },
                         .set =
                             [this](const ParameterValue& value) {
                                 auto name = std::get<std::string>(value);
                                 if (!const_cast<ParameterTree*>(this)->select_driver(name))
                                     throw Error(fmt::format("unknown driver '{}'", name));
                             },
                         .parse = as_text,
                         .reset =
                             [this] {
                                 selection_.driver = "dummy";
                                 selection_.driver_set = false;
                             },
                         .is_range = false,
                         .is_strict = true,
                         .is_fake_value = true,
                         .values = {}};
    for (const auto& each : server_.drivers())
        driver.values.push_back({each.name(), each.name()});
    return driver;
}

TreeParameter ParameterTree::slaves_parameter() const {
    auto refuse_started = [this] {
        if (selection_.started)
            throw Error("Cannot modify slave-drivers when server is started");
    };
    return TreeParameter{
        .type = 's',
        .name = "slave-drivers",
        .short_description = "Slave drivers to use",
        .long_description = "A comma separated list of slave drivers",
        .is_set = [this] { return selection_.slaves_set; },
        .value =
            [this] { return ParameterValue(fmt::format("{}", fmt::join(selection_.slaves, ","))); },
        .default_value = [] { return ParameterValue(std::string()); },
        .set =
            [this, refuse_started](const ParameterValue& value) {
                refuse_started();
                std::vector<std::string> wanted;
                auto text = std::get<std::string>(value);
                for (std::size_t at = 0; at <= text.size();) {
                    auto comma = std::min(text.find(',', at), text.size());
                    if (comma > at)
                        wanted.push_back(text.substr(at, comma - at));
                    at = comma + 1;
                }
                for (const auto& name : wanted)
                    server_.get_driver(name); // throws for an unknown one
                selection_.slaves = wanted;
                selection_.slaves_set = true;
            },
        .parse = as_text,
        .reset =
            [this, refuse_started] {
                refuse_started();
                selection_.slaves.clear();
                selection_.slaves_set = false;
            },
        .values = {}};
}

std::vector<TreeParameter> ParameterTree::engine() const {
    std::vector<TreeParameter> parameters{driver_parameter()};
    for (auto& parameter : from_library(server_.params()))
        parameters.push_back(std::move(parameter));
    parameters.push_back(slaves_parameter());
    return parameters;
}

std::optional<std::vector<TreeParameter>> ParameterTree::plugin(const std::string& kind,
                                                                const std::string& name) const {
    try {
        if (kind == "drivers")
            return from_library(server_.get_driver(name).params());
        return from_library(server_.get_internal_client(name).params());
    } catch (const Error&) {
        return std::nullopt;
    }
}

std::optional<ParameterTree::Container>
ParameterTree::container(const std::vector<std::string>& address) const {
    if (address.empty())
        return Container{false, {"engine", "drivers", "driver", "internals"}};
    const auto& top = address[0];
    if (address.size() == 1) {
        if (top == "engine")
            return Container{true, names(engine())};
        if (top == "driver")
            return Container{true, names(*plugin("drivers", selection_.driver))};
        if (top == "drivers") {
            Container drivers{false, {}};
            for (const auto& driver : server_.drivers())
                drivers.children.push_back(driver.name());
            return drivers;
        }
        if (top == "internals") {
            Container internals{false, {}};
            for (const auto& internal : server_.internal_clients())
                internals.children.push_back(internal.name());
            return internals;
        }
        return std::nullopt;
    }
    if (address.size() == 2 && (top == "drivers" || top == "internals"))
        if (auto parameters = plugin(top, address[1]))
            return Container{true, names(*parameters)};
    return std::nullopt;
}

std::optional<std::vector<TreeParameter>>
ParameterTree::parameters(const std::vector<std::string>& address) const {
    if (address.size() == 1 && address[0] == "engine")
        return engine();
    if (address.size() == 1 && address[0] == "driver")
        return plugin("drivers", selection_.driver);
    if (address.size() == 2 && (address[0] == "drivers" || address[0] == "internals"))
        return plugin(address[0], address[1]);
    return std::nullopt;
}

std::optional<TreeParameter>
ParameterTree::parameter(const std::vector<std::string>& address) const {
    if (address.empty())
        return std::nullopt;
    auto leaf = parameters({address.begin(), address.end() - 1});
    if (!leaf)
        return std::nullopt;
    for (auto& parameter : *leaf)
        if (parameter.name == address.back())
            return std::move(parameter);
    return std::nullopt;
}

std::vector<ParameterTree::Entry> ParameterTree::set_parameters() const {
    std::vector<Entry> entries;
    auto add_set = [&](const std::vector<std::string>& container) {
        auto set = parameters(container);
        for (auto& parameter : *set)
            if (parameter.is_set()) {
                auto address = container;
                address.push_back(parameter.name);
                entries.push_back({std::move(address), std::move(parameter)});
            }
    };
    add_set({"engine"});
    for (const auto& driver : server_.drivers())
        add_set({"drivers", driver.name()});
    for (const auto& internal : server_.internal_clients())
        add_set({"internals", internal.name()});
    return entries;
}

bool ParameterTree::select_driver(const std::string& name) {
    for (const auto& driver : server_.drivers())
        if (driver.name() == name) {
            selection_.driver = name;
            selection_.driver_set = true;
            return true;
        }
    return false;
}

bool ParameterTree::add_slave(const std::string& name) {
    try {
        server_.get_driver(name);
    } catch (const Error&) {
        return false;
    }
    if (std::find(selection_.slaves.begin(), selection_.slaves.end(), name) ==
        selection_.slaves.end())
        selection_.slaves.push_back(name);
    selection_.slaves_set = true;
    return true;
}

bool ParameterTree::remove_slave(const std::string& name) {
    auto found = std::find(selection_.slaves.begin(), selection_.slaves.end(), name);
    if (found == selection_.slaves.end())
        return false;
    selection_.slaves.erase(found);
    return true;
}

} // namespace jack_server::detail
