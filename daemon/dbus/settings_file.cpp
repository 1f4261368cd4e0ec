// SPDX-License-Identifier: GPL-2.0-or-later
#include "dbus/settings_file.hpp"

#include "config/errors.hpp"
#include "dbus/parameter_tree.hpp"
#include "errors.hpp"
#include "jack_server/parameter_text.hpp"
#include "log.hpp"
#include "process/replace_file.hpp"

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sstream>
#include <toml++/toml.h>

namespace jack_server::detail {

namespace {

std::optional<std::string> config_home() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        return std::string(xdg);
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.config";
    return std::nullopt;
}

// A value as its text: strings as they are, others as TOML writes them.
std::string node_text(const toml::node& node) {
    if (auto text = node.value_exact<std::string>())
        return *text;
    std::ostringstream out;
    node.visit([&out](const auto& value) { out << value; });
    return out.str();
}

void read_table(const std::string& path, const toml::table& table,
                const std::vector<std::string>& container, std::vector<SavedSetting>& settings) {
    for (const auto& [key, node] : table) {
        auto line = node.source().begin.line;
        if (!node.is_value())
            throw ConfigError(fmt::format("{}:{}: '{}' in [{}] must be a value", path, line,
                                          key.str(), fmt::join(container, ".")),
                              "the file mirrors jack_control's tree: [engine], "
                              "[drivers.NAME], [internals.NAME]");
        auto address = container;
        address.emplace_back(key.str());
        settings.push_back({address, node_text(node), fmt::format("{}:{}", path, line)});
    }
}

// A TOML table of its plugins' tables: [drivers.alsa], [internals.netmanager].
void read_plugins(const std::string& path, const std::string& kind, const toml::node& node,
                  std::vector<SavedSetting>& settings) {
    const auto* plugins = node.as_table();
    if (!plugins)
        throw ConfigError(fmt::format("{}:{}: '{}' must be a table of tables ([{}.NAME])", path,
                                      node.source().begin.line, kind, kind));
    for (const auto& [name, each] : *plugins) {
        const auto* table = each.as_table();
        if (!table)
            throw ConfigError(fmt::format("{}:{}: '{}.{}' must be a table", path,
                                          each.source().begin.line, kind, name.str()));
        read_table(path, *table, {kind, std::string(name.str())}, settings);
    }
}

// The tree's value as TOML writes the parameter's type.
void insert_value(toml::table& table, const TreeParameter& parameter) {
    auto value = parameter.value();
    switch (parameter.type) {
    case 'i':
        table.insert_or_assign(parameter.name, std::int64_t(std::get<std::int32_t>(value)));
        break;
    case 'u':
        table.insert_or_assign(parameter.name, std::int64_t(std::get<std::uint32_t>(value)));
        break;
    case 'b':
        table.insert_or_assign(parameter.name, std::get<bool>(value));
        break;
    default:
        table.insert_or_assign(parameter.name, format_value(value));
    }
}

} // namespace

std::optional<std::string> settings_path() {
    auto home = config_home();
    return home ? std::optional(*home + "/jack-server/dbus.toml") : std::nullopt;
}

std::optional<std::string> jackdbus_settings_path() {
    auto home = config_home();
    return home ? std::optional(*home + "/jack/conf.xml") : std::nullopt;
}

std::vector<SavedSetting> read_settings(const std::string& path) {
    toml::table root;
    try {
        root = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        throw ConfigError(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
    }
    std::vector<SavedSetting> settings;
    for (const auto& [key, node] : root) {
        if (key == "engine" && node.is_table())
            read_table(path, *node.as_table(), {"engine"}, settings);
        else if (key == "drivers" || key == "internals")
            read_plugins(path, std::string(key.str()), node, settings);
        else
            throw ConfigError(fmt::format("{}:{}: unknown section '{}'", path,
                                          node.source().begin.line, key.str()),
                              "the file has [engine], [drivers.NAME] and [internals.NAME]");
    }
    return settings;
}

void write_settings(const std::string& path, const ParameterTree& tree) {
    toml::table root;
    for (const auto& entry : tree.set_parameters()) {
        toml::table* table = &root;
        for (std::size_t i = 0; i + 1 < entry.address.size(); ++i) {
            auto [at, added] = table->emplace<toml::table>(entry.address[i]);
            table = at->second.as_table();
        }
        insert_value(*table, entry.parameter);
    }
    std::ostringstream text;
    text << "# jack-server --dbus: the parameters set over D-Bus, as jack_control's tree\n"
            "# addresses them. jack-server rewrites this file at each change; edit it\n"
            "# while jack-server --dbus is not running (man jack-server, D-BUS).\n\n"
         << root << "\n";
    std::error_code failed;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), failed);
    if (failed)
        throw FileError(fmt::format("cannot create the folder of the D-Bus settings file {}: {}",
                                    path, failed.message()));
    replace_file(path, text.str(), "D-Bus settings file");
}

std::size_t apply_settings(ParameterTree& tree, const std::vector<SavedSetting>& settings) {
    std::size_t applied = 0;
    auto apply = [&](const SavedSetting& setting) {
        auto parameter = tree.parameter(setting.address);
        if (!parameter) {
            log::warn("{}: no parameter {} in this JACK: ignored", setting.origin,
                      fmt::join(setting.address, "."));
            return;
        }
        try {
            parameter->set(parameter->parse(setting.text));
            ++applied;
        } catch (const Error& e) {
            log::warn("{}: {}: {}: ignored", setting.origin, fmt::join(setting.address, "."),
                      e.what());
        }
    };
    // The driver first: the other parameters do not depend on it, but a
    // reader of the log sees the choice before the details.
    std::vector<std::string> driver{"engine", "driver"};
    for (const auto& setting : settings)
        if (setting.address == driver)
            apply(setting);
    for (const auto& setting : settings)
        if (setting.address != driver)
            apply(setting);
    return applied;
}

} // namespace jack_server::detail
