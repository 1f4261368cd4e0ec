// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/config_file.hpp"

#include "config/errors.hpp"
#include "config/options.hpp"
#include "config/suggest.hpp"
#include "config/validate.hpp"
#include "jack_server/parameter_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <limits>
#include <sstream>
#include <toml++/toml.h>

namespace jack_server {

namespace {

// Where a key stands, for origins and messages: "studio.toml:12".
class Reader {
public:
    Reader(std::string source, const Catalog& catalog)
        : source_(std::move(source)), catalog_(catalog) {}

    std::string where(const toml::source_region& region) const {
        return fmt::format("{}:{}", source_, region.begin.line);
    }

    [[noreturn]] void fail(const toml::source_region& region, const std::string& message,
                           std::string hint = {}) const {
        throw ConfigError(fmt::format("{}: {}", where(region), message), std::move(hint));
    }

    [[noreturn]] void unknown_key(const toml::key& key, std::string_view section,
                                  const std::vector<std::string>& names) const {
        std::string hint;
        if (auto near = did_you_mean(key.str(), names))
            hint = fmt::format("did you mean '{}'? ", *near);
        hint += fmt::format("{} takes: {}", section, fmt::join(names, ", "));
        fail(key.source(), fmt::format("unknown key '{}' in {}", key.str(), section), hint);
    }

    const Catalog& catalog() const { return catalog_; }

private:
    std::string source_;
    const Catalog& catalog_;
};

// The value as messages quote it: a string's own text, other values as TOML writes them.
std::string toml_text(const toml::node& node) {
    if (auto text = node.value_exact<std::string>())
        return *text;
    std::ostringstream out;
    node.visit([&out](const auto& value) { out << value; });
    return out.str();
}

// What to do about a refused value: the library's hint, or how TOML writes
// the parameter's type.
std::string toml_hint(const ParameterError& error, const Parameter& parameter,
                      const toml::node& node) {
    if (!error.hint().empty())
        return error.hint();
    if (node.is_string() && parameter.type() != ParameterType::string &&
        parameter.type() != ParameterType::character)
        return "write numbers and booleans without quotes: rate = 48000, realtime = true";
    if (parameter.type() == ParameterType::string && !node.is_string())
        return fmt::format("write text in quotes: {} = \"{}\"", parameter.name(), toml_text(node));
    return {};
}

// The node as the parameter's type: TOML integers for int and uint, booleans for
// bool, a one-character string for char, a string for string.
ParameterValue typed_value(const Reader& reader, const Parameter& parameter, const toml::node& node,
                           const std::string& key) {
    ParameterValue value = toml_text(node); // refused below unless a string is wanted
    if (auto integer = node.value_exact<std::int64_t>()) {
        if (*integer >= std::numeric_limits<std::int32_t>::min() &&
            *integer <= std::numeric_limits<std::int32_t>::max())
            value = static_cast<std::int32_t>(*integer);
        else if (*integer > 0 && *integer <= std::numeric_limits<std::uint32_t>::max())
            value = static_cast<std::uint32_t>(*integer);
    } else if (auto boolean = node.value_exact<bool>()) {
        value = *boolean;
    } else if (auto text = node.value_exact<std::string>()) {
        if (parameter.type() == ParameterType::character && text->size() == 1)
            value = text->front();
        else
            value = *text;
    }
    try {
        return parameter.validated(value, key);
    } catch (const ParameterError& e) {
        reader.fail(node.source(), e.what(), toml_hint(e, parameter, node));
    }
}

std::vector<std::string> parameter_names(const ParameterList& params) {
    std::vector<std::string> names;
    for (const auto& parameter : params)
        names.push_back(parameter.name());
    return names;
}

const toml::table& as_table(const Reader& reader, const toml::node& node,
                            const std::string& section) {
    const auto* table = node.as_table();
    if (table == nullptr)
        reader.fail(node.source(), fmt::format("'{}' must be a table: [{}]", section, section));
    return *table;
}

// Reads the parameters of a table; skip names a key that is not a parameter.
ParameterSettings read_parameters(const Reader& reader, const toml::table& table,
                                  const ParameterList& params, const std::string& section,
                                  std::string_view skip = {}) {
    ParameterSettings settings;
    for (const auto& [key, node] : table) {
        if (key.str() == skip)
            continue;
        auto parameter = params.find(key.str());
        if (!parameter) {
            auto names = parameter_names(params);
            if (!skip.empty())
                names.insert(names.begin(), std::string(skip));
            reader.unknown_key(key, "[" + section + "]", names);
        }
        settings[parameter->name()] =
            Setting{typed_value(reader, *parameter, node, fmt::format("{}.{}", section, key.str())),
                    reader.where(key.source())};
    }
    return settings;
}

// The table's "name" key, which must be one of names.
std::string plugin_name(const Reader& reader, const toml::table& table, const std::string& section,
                        const std::vector<std::string>& names, std::string_view what) {
    const auto* node = table.get("name");
    if (node == nullptr)
        reader.fail(table.source(), fmt::format("[{}] needs a name", section),
                    fmt::format("{}: {}", what, fmt::join(names, ", ")));
    auto name = node->value_exact<std::string>();
    if (!name)
        reader.fail(node->source(),
                    fmt::format("invalid value '{}' for {}.name: expected the name of one of "
                                "the {} in quotes",
                                toml_text(*node), section, what),
                    fmt::format("{}: {}", what, fmt::join(names, ", ")));
    if (std::find(names.begin(), names.end(), *name) == names.end()) {
        std::string hint;
        if (auto near = did_you_mean(*name, names))
            hint = fmt::format("did you mean '{}'? ", *near);
        reader.fail(node->source(),
                    fmt::format("unknown {} '{}' for {}.name", what.substr(0, what.size() - 1),
                                *name, section),
                    hint + fmt::format("{}: {}", what, fmt::join(names, ", ")));
    }
    return *name;
}

PluginConfig read_driver(const Reader& reader, const toml::table& table, const std::string& section,
                         DriverType type) {
    auto names = reader.catalog().driver_names(type);
    auto what = fmt::format("{} drivers", to_string(type));
    auto name = plugin_name(reader, table, section, names, what);
    auto params = reader.catalog().get_driver(name).params();
    return PluginConfig{name, read_parameters(reader, table, params, section, "name"),
                        reader.where(table.source())};
}

std::vector<PluginConfig> read_array(const Reader& reader, const toml::node& node,
                                     const std::string& section,
                                     const std::function<PluginConfig(const toml::table&)>& read) {
    const auto* array = node.as_array();
    if (array == nullptr)
        reader.fail(node.source(),
                    fmt::format("'{}' must be an array of tables: [[{}]]", section, section),
                    fmt::format("write [[{}]] (twice the brackets), once for each", section));
    std::vector<PluginConfig> plugins;
    for (const auto& element : *array)
        plugins.push_back(read(as_table(reader, element, section)));
    return plugins;
}

// --- [[connect]] -------------------------------------------------------------

std::string port_pattern(const Reader& reader, const toml::table& table, const std::string& key) {
    const auto* node = table.get(key);
    if (node == nullptr)
        reader.fail(table.source(), fmt::format("[[connect]] needs '{}'", key),
                    "for example: from = \"metro:*\" and to = \"system:playback_*\"");
    auto text = node->value_exact<std::string>();
    if (!text || text->empty())
        reader.fail(node->source(),
                    fmt::format("invalid value '{}' for connect.{}: expected a port name or "
                                "pattern in quotes",
                                toml_text(*node), key),
                    fmt::format("for example: {} = \"system:playback_*\"", key));
    return *text;
}

std::vector<ConnectRule> read_connections(const Reader& reader, const toml::node& node) {
    const auto* array = node.as_array();
    if (array == nullptr)
        reader.fail(node.source(), "'connect' must be an array of tables: [[connect]]",
                    "write [[connect]] (twice the brackets), once for each");
    std::vector<ConnectRule> rules;
    for (const auto& element : *array) {
        const auto& table = as_table(reader, element, "connect");
        for (const auto& [key, value] : table)
            if (key.str() != "from" && key.str() != "to")
                reader.unknown_key(key, "[[connect]]", {"from", "to"});
        rules.push_back(ConnectRule{port_pattern(reader, table, "from"),
                                    port_pattern(reader, table, "to"),
                                    reader.where(table.source())});
    }
    return rules;
}

// --- [[card]] ------------------------------------------------------------------

std::string card_text(const Reader& reader, const toml::table& table, const std::string& key,
                      const char* example) {
    const auto* node = table.get(key);
    if (node == nullptr)
        reader.fail(table.source(), fmt::format("[[card]] needs '{}'", key),
                    "for example: name = \"mic\" and device = \"hw:USB\"");
    auto text = node->value_exact<std::string>();
    if (!text || text->empty())
        reader.fail(node->source(),
                    fmt::format("invalid value '{}' for card.{}: expected a {} in quotes",
                                toml_text(*node), key,
                                key == "name" ? "JACK client name" : "ALSA device name"),
                    fmt::format("for example: {} = \"{}\"", key, example));
    return *text;
}

std::optional<bool> card_flag(const Reader& reader, const toml::table& table,
                              const std::string& key) {
    const auto* node = table.get(key);
    if (node == nullptr)
        return std::nullopt;
    auto flag = node->value_exact<bool>();
    if (!flag)
        reader.fail(node->source(),
                    fmt::format("invalid value '{}' for card.{}: expected true or false",
                                toml_text(*node), key),
                    fmt::format("for example: {} = false", key));
    return *flag;
}

std::optional<std::uint32_t> card_number(const Reader& reader, const toml::table& table,
                                         const std::string& key) {
    const auto* node = table.get(key);
    if (node == nullptr)
        return std::nullopt;
    auto number = node->value_exact<std::int64_t>();
    if (!number || *number < 1 || *number > 1'000'000)
        reader.fail(node->source(),
                    fmt::format("invalid value '{}' for card.{}: expected a whole number",
                                toml_text(*node), key),
                    "man jack-server.toml describes [[card]]");
    return static_cast<std::uint32_t>(*number);
}

std::vector<CardSpec> read_cards(const Reader& reader, const toml::node& node) {
    const auto* array = node.as_array();
    if (array == nullptr)
        reader.fail(node.source(), "'card' must be an array of tables: [[card]]",
                    "write [[card]] (twice the brackets), once for each");
    static const std::vector<std::string> keys = {"name",     "device", "capture",  "playback",
                                                  "channels", "period", "nperiods", "quality"};
    std::vector<CardSpec> cards;
    for (const auto& element : *array) {
        const auto& table = as_table(reader, element, "card");
        for (const auto& [key, value] : table)
            if (std::find(keys.begin(), keys.end(), key.str()) == keys.end())
                reader.unknown_key(key, "[[card]]", keys);
        cards.push_back(CardSpec{
            card_text(reader, table, "name", "mic"), card_text(reader, table, "device", "hw:USB"),
            card_flag(reader, table, "capture"), card_flag(reader, table, "playback"),
            card_number(reader, table, "channels"), card_number(reader, table, "period"),
            card_number(reader, table, "nperiods"), card_number(reader, table, "quality"),
            reader.where(table.source())});
    }
    return cards;
}

// --- jack-server's own options (options.hpp) --------------------------------

// The node as the option's kind: a boolean for a flag, an integer for a whole
// number, a string (or a bare number of seconds) for a duration, a string for
// a path or a word. Then the same check as the command line's.
OptionValue option_value(const Reader& reader, const Option& option, const toml::node& node) {
    std::string key(option.key);
    auto refuse = [&](std::string hint = {}) {
        auto error = invalid_value(option, toml_text(node), key);
        reader.fail(node.source(), error.what(), hint.empty() ? error.hint() : hint);
    };
    OptionValue value;
    switch (option.kind) {
    case OptionKind::flag:
        if (auto flag = node.value_exact<bool>())
            value = *flag;
        else
            refuse();
        break;
    case OptionKind::whole:
        if (auto number = node.value_exact<std::int64_t>(); number && *number >= 0)
            value = static_cast<std::uint64_t>(*number);
        else
            refuse();
        break;
    case OptionKind::duration: {
        auto quoted = node.value_exact<std::string>();
        try {
            if (!quoted && !node.is_integer() && !node.is_floating_point())
                throw ParameterError("not a duration");
            value = read_text(option, quoted ? *quoted : toml_text(node), key);
        } catch (const ParameterError&) {
            refuse();
        }
        break;
    }
    case OptionKind::text:
    case OptionKind::word:
        if (auto text = node.value_exact<std::string>())
            value = *text;
        else
            refuse(fmt::format("write text in quotes: {} = \"{}\"", key.substr(key.rfind('.') + 1),
                               toml_text(node)));
        break;
    }
    try {
        check(option, value, key, toml_text(node));
    } catch (const ParameterError& e) {
        reader.fail(node.source(), e.what(), e.hint());
    }
    return value;
}

void read_option(const Reader& reader, const Option& option, const toml::key& key,
                 const toml::node& node, Config& config) {
    option.set(config, option_value(reader, option, node));
    config.origins[std::string(option.key)] = reader.where(key.source());
}

// The keys of own_options() under a prefix ("daemon." for [daemon], "" for the top level).
std::vector<std::string> option_keys(std::string_view prefix) {
    std::vector<std::string> keys;
    for (const auto& option : own_options()) {
        auto key = option.key;
        if (key.starts_with(prefix) && key.substr(prefix.size()).find('.') == std::string::npos)
            keys.emplace_back(key.substr(prefix.size()));
    }
    return keys;
}

void read_daemon(const Reader& reader, const toml::table& table, Config& config) {
    for (const auto& [key, node] : table) {
        const auto* option = find_option("daemon." + std::string(key.str()));
        if (option == nullptr)
            reader.unknown_key(key, "[daemon]", option_keys("daemon."));
        read_option(reader, *option, key, node, config);
    }
}

// --- the file ----------------------------------------------------------------

void read_root(const Reader& reader, const toml::table& root, Config& config) {
    for (const auto& [key, node] : root) {
        auto name = std::string(key.str());
        if (name == "server") {
            config.server = read_parameters(reader, as_table(reader, node, name),
                                            reader.catalog().params(), name);
        } else if (name == "driver") {
            config.driver =
                read_driver(reader, as_table(reader, node, name), name, DriverType::master);
        } else if (name == "slave") {
            config.slaves = read_array(reader, node, name, [&](const toml::table& table) {
                return read_driver(reader, table, name, DriverType::slave);
            });
        } else if (name == "internal") {
            config.internals = read_array(reader, node, name, [&](const toml::table& table) {
                auto names = reader.catalog().internal_client_names();
                auto plugin = plugin_name(reader, table, name, names, "internal clients");
                auto params = reader.catalog().get_internal_client(plugin).params();
                return PluginConfig{plugin, read_parameters(reader, table, params, name, "name"),
                                    reader.where(table.source())};
            });
        } else if (name == "connect") {
            config.connections = read_connections(reader, node);
        } else if (name == "card") {
            config.cards = read_cards(reader, node);
        } else if (name == "daemon") {
            read_daemon(reader, as_table(reader, node, name), config);
        } else if (const auto* option = find_option(name)) {
            read_option(reader, *option, key, node, config);
        } else {
            auto keys = option_keys("");
            std::vector<std::string> names = {"server",  "driver", "slave", "internal",
                                              "connect", "card",   "daemon"};
            names.insert(names.end(), keys.begin(), keys.end());
            std::string hint;
            if (auto near = did_you_mean(name, names))
                hint = fmt::format("did you mean '{}'? ", *near);
            hint +=
                fmt::format("sections: [server], [driver], [[slave]], [[internal]], [[connect]], "
                            "[[card]], [daemon]; "
                            "top-level keys: {}",
                            fmt::join(keys, ", "));
            reader.fail(key.source(),
                        node.is_table() || node.is_array()
                            ? fmt::format("unknown section '{}'", name)
                            : fmt::format("unknown key '{}'", name),
                        hint);
        }
    }
}

} // namespace

Config parse_config(std::string_view text, const std::string& source, const Catalog& catalog) {
    Reader reader(source, catalog);
    toml::table root;
    try {
        root = toml::parse(text, source);
    } catch (const toml::parse_error& e) {
        throw ConfigError(fmt::format("{}:{}: not valid TOML: {}", source, e.source().begin.line,
                                      e.description()),
                          "man jack-server.toml describes the file");
    }
    Config config;
    read_root(reader, root, config);
    validate(config, catalog);
    return config;
}

Config load_config_file(const std::string& path, const Catalog& catalog) {
    std::ifstream in(path);
    if (!in)
        throw ConfigError(
            fmt::format("cannot read config file '{}': {}", path, std::strerror(errno)),
            "give a readable file to --config");
    std::stringstream text;
    text << in.rdbuf();
    return parse_config(text.str(), path, catalog);
}

} // namespace jack_server
