// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "jack_server/parameter.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace jack_server {
class Server;
}

namespace jack_server::detail {

// One parameter of the tree: libjackserver's own, or one of jackdbus's two
// made-up engine parameters (driver, slave-drivers).
struct TreeParameter {
    char type; // D-Bus's: i, u, y (a char), s, b
    std::string name, short_description, long_description;
    std::function<bool()> is_set;
    std::function<ParameterValue()> value, default_value;
    // Throw Error with a message when the value is refused.
    std::function<void(const ParameterValue&)> set;
    // Reads a value written as text (parameter_text.hpp's words); throws
    // Error when it is not one.
    std::function<ParameterValue(std::string_view)> parse;
    std::function<void()> reset;
    bool is_range = false, is_strict = false, is_fake_value = false;
    // A range's min and max ("min", "max"), or the choices.
    std::vector<ParameterChoice> values;
};

// What the Configure tree holds besides the Server's parameters: the
// selected master driver and the slave drivers, as jackdbus keeps them.
struct TreeSelection {
    std::string driver = "dummy"; // jackdbus's DEFAULT_DRIVER
    bool driver_set = false;
    std::vector<std::string> slaves;
    bool slaves_set = false;
    bool started = false; // slave-drivers cannot change while started
};

// jackdbus's parameter tree over a Server's parameters (its params.c):
//   engine/{driver, <server parameters>, slave-drivers}
//   driver/<the selected driver's parameters>
//   drivers/<driver>/<its parameters>
//   internals/<internal client>/<its parameters>
// Addresses have at most three parts.
class ParameterTree {
public:
    ParameterTree(Server& server, TreeSelection& selection)
        : server_(server), selection_(selection) {}

    struct Container {
        bool leaf;
        std::vector<std::string> children;
    };
    // The container at address, or nothing when there is none.
    std::optional<Container> container(const std::vector<std::string>& address) const;
    // The parameters of the leaf container at address.
    std::optional<std::vector<TreeParameter>>
    parameters(const std::vector<std::string>& address) const;
    // The parameter at address (its container's address, then its name).
    std::optional<TreeParameter> parameter(const std::vector<std::string>& address) const;

    // Every parameter that is set, by address, in the tree's order (engine,
    // drivers, internals): what a settings file keeps.
    struct Entry {
        std::vector<std::string> address;
        TreeParameter parameter;
    };
    std::vector<Entry> set_parameters() const;

    // Selects the master driver; false when there is no such driver.
    bool select_driver(const std::string& name);
    // Adds a slave driver: false when there is no such driver.
    bool add_slave(const std::string& name);
    // Removes one: false when it is not a slave.
    bool remove_slave(const std::string& name);

private:
    std::vector<TreeParameter> engine() const;
    std::optional<std::vector<TreeParameter>> plugin(const std::string& kind,
                                                     const std::string& name) const;
    TreeParameter driver_parameter() const;
    TreeParameter slaves_parameter() const;

    Server& server_;
    TreeSelection& selection_;
};

// D-Bus's type character for a parameter type.
char dbus_type(ParameterType type);

} // namespace jack_server::detail
