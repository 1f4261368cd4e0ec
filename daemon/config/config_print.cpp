// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/config_print.hpp"

#include "config/json_value.hpp"
#include "config/options.hpp"
#include "config/validate.hpp"

#include <fmt/format.h>

namespace jack_server {

namespace {

using Json = nlohmann::ordered_json;

// One key of a section as printed: its value, and whether a layer set it.
struct Entry {
    std::string key;
    Json value; // null: no value and no default (an unset optional daemon option)
    bool set = false;
    std::string origin; // where the value came from: "default", "studio.toml:3", ...
};

struct Section {
    std::string header;     // "[driver]", "[[slave]]"; empty for the top level
    std::string set_prefix; // "driver.", "slave.alsarawmidi."
    std::vector<Entry> entries;
};

// An origin as --print-config says it: "command line -r/--rate",
// "studio.toml:3", "/home/me/.jackdrc:1 (-r/--rate)", "environment
// JACK_NO_AUDIO_RESERVATION"; "default" when no layer set it.
std::vector<Entry> card_entries(const CardSpec& card);

std::string origin_text(const std::string& origin) {
    if (origin.empty())
        return "default";
    if (origin.starts_with("-"))
        return "command line " + origin;
    return origin;
}

// A card's fields; those not given as comments with what they default to.
std::vector<Entry> card_entries(const CardSpec& card) {
    auto origin = origin_text(card.origin);
    std::vector<Entry> entries{{"name", card.name, true, origin},
                               {"device", card.device, true, origin}};
    auto flag = [&](const char* key, const std::optional<bool>& value) {
        entries.push_back(value ? Entry{key, *value, true, origin}
                                : Entry{key, true, false, "default: if the card has it"});
    };
    auto number = [&](const char* key, const std::optional<std::uint32_t>& value,
                      const char* otherwise) {
        entries.push_back(value ? Entry{key, *value, true, origin}
                                : Entry{key, Json(), false, otherwise});
    };
    flag("capture", card.capture);
    flag("playback", card.playback);
    number("channels", card.channels, "default: all the card's");
    number("period", card.period, "default: the engine's");
    number("nperiods", card.nperiods, "default: 2");
    number("quality", card.quality, "default: the bridge's");
    return entries;
}

std::vector<Entry> parameter_entries(const ParameterList& params,
                                     const ParameterSettings& settings) {
    std::vector<Entry> entries;
    for (const auto& parameter : params) {
        auto name = parameter.name();
        auto setting = settings.find(name);
        if (setting != settings.end())
            entries.push_back({name, json_value(setting->second.value), true,
                               origin_text(setting->second.origin)});
        else
            entries.push_back({name, json_value(parameter.default_value()), false, "default"});
    }
    return entries;
}

Section plugin_section(std::string header, std::string prefix, const PluginConfig& plugin,
                       const ParameterList& params, const std::string& origin) {
    Section section{std::move(header), std::move(prefix), {}};
    section.entries.push_back({"name", plugin.name, true, origin_text(origin)});
    auto entries = parameter_entries(params, plugin.params);
    section.entries.insert(section.entries.end(), entries.begin(), entries.end());
    return section;
}

Json option_json(const OptionValue& value) {
    return std::visit(
        [](const auto& v) -> Json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::chrono::milliseconds>)
                return format_option_value(v);
            else
                return v;
        },
        value);
}

// The entries of jack-server's own options whose keys start with prefix
// ("daemon." for [daemon], "" for the top level), without the prefix.
std::vector<Entry> option_entries(const Config& config, std::string_view prefix,
                                  const Catalog& catalog) {
    static const Config defaults;
    std::vector<Entry> entries;
    for (const auto& option : own_options()) {
        auto key = option.key;
        if (!key.starts_with(prefix) || key.substr(prefix.size()).find('.') != std::string::npos)
            continue;
        auto value = option.get(config);
        auto origin = config.origins.find(std::string(key));
        bool set = origin != config.origins.end() || (value && value != option.get(defaults));
        std::string from = origin != config.origins.end() ? origin_text(origin->second)
                           : set                          ? "set"
                                                          : "default";
        if (!set) {
            value = resolved(option, config);
            if (!value && option.default_periods > 0) {
                auto timing = engine_timing(config, catalog);
                value = default_for_engine(option, timing.rate, timing.period);
            }
            if (!option.default_text.empty())
                from += ": " + std::string(option.default_text);
        }
        entries.push_back({std::string(key.substr(prefix.size())),
                           value ? option_json(*value) : Json(), set, std::move(from)});
    }
    return entries;
}

std::vector<Section> sections(const Config& config, const Catalog& catalog) {
    std::vector<Section> all;
    all.push_back({"", "", option_entries(config, "", catalog)});
    all.push_back({"[server]", "server.", parameter_entries(catalog.params(), config.server)});
    // --dbus may leave the driver to D-Bus: then there is none to print.
    if (!config.driver.name.empty())
        all.push_back(plugin_section("[driver]", "driver.", config.driver,
                                     catalog.get_driver(config.driver.name).params(),
                                     config.driver.origin));
    for (const auto& slave : config.slaves)
        all.push_back(plugin_section("[[slave]]", "slave." + slave.name + ".", slave,
                                     catalog.get_driver(slave.name).params(), slave.origin));
    for (const auto& internal : config.internals)
        all.push_back(plugin_section("[[internal]]", "internal." + internal.name + ".", internal,
                                     catalog.get_internal_client(internal.name).params(),
                                     internal.origin));
    for (const auto& rule : config.connections)
        all.push_back({"[[connect]]",
                       "connect.",
                       {{"from", rule.from, true, origin_text(rule.origin)},
                        {"to", rule.to, true, origin_text(rule.origin)}}});
    for (const auto& card : config.cards)
        all.push_back({"[[card]]", "card.", card_entries(card)});
    all.push_back({"[daemon]", "daemon.", option_entries(config, "daemon.", catalog)});
    return all;
}

// JSON's text of a string, number or bool is also TOML's (both escape the same
// way for what a parameter can hold).
std::string print_toml(const std::vector<Section>& all) {
    std::string text =
        "# jack-server configuration (man jack-server.toml). A commented line shows\n"
        "# the default of a setting that is not given; after each value, where it\n"
        "# came from: default, FILE:LINE, command line, environment, .jackdrc.\n";
    for (const auto& section : all) {
        if (!section.header.empty())
            text += "\n" + section.header + "\n";
        for (const auto& entry : section.entries) {
            auto line = entry.value.is_null() ? fmt::format("# {} is not set", entry.key)
                                              : fmt::format("{}{} = {}", entry.set ? "" : "# ",
                                                            entry.key, entry.value.dump());
            text += fmt::format("{:<40} # {}\n", line, entry.origin);
        }
    }
    return text;
}

Json object(const std::vector<Entry>& entries, std::size_t from = 0) {
    Json json = Json::object();
    for (std::size_t i = from; i < entries.size(); ++i)
        json[entries[i].key] = entries[i].value;
    return json;
}

Json plugin_json(const Section& section) {
    return Json{{"name", section.entries.front().value}, {"params", object(section.entries, 1)}};
}

std::string print_json(const std::vector<Section>& all) {
    Json json = Json::object();
    Json slaves = Json::array(), internals = Json::array(), connections = Json::array(),
         cards = Json::array(), set = Json::array();
    for (const auto& section : all) {
        if (section.header == "[[connect]]") {
            connections.push_back(object(section.entries));
            continue;
        }
        if (section.header == "[[card]]") {
            Json card = Json::object();
            for (const auto& entry : section.entries)
                if (entry.set)
                    card[entry.key] = entry.value;
            cards.push_back(card);
            continue;
        }
        for (const auto& entry : section.entries)
            if (entry.set && (entry.key != "name" || section.header == "[server]"))
                set.push_back(section.set_prefix + entry.key);
        if (section.header == "[server]")
            json["server"] = object(section.entries);
        else if (section.header == "[driver]")
            json["driver"] = plugin_json(section);
        else if (section.header == "[[slave]]")
            slaves.push_back(plugin_json(section));
        else if (section.header == "[[internal]]")
            internals.push_back(plugin_json(section));
    }
    json["slaves"] = slaves;
    json["internals"] = internals;
    json["connections"] = connections;
    json["cards"] = cards;
    for (const auto& entry : all.front().entries)
        json[entry.key] = entry.value;
    json["daemon"] = object(all.back().entries);
    json["set"] = set;
    Json origins = Json::object();
    for (const auto& section : all)
        for (const auto& entry : section.entries)
            if (section.header != "[[connect]]" && section.header != "[[card]]")
                origins[section.set_prefix + entry.key] = entry.origin;
    json["origins"] = origins;
    return json.dump(2) + "\n";
}

} // namespace

std::string print_config(const Config& config, const Catalog& catalog, ConfigFormat format) {
    auto all = sections(config, catalog);
    return format == ConfigFormat::json ? print_json(all) : print_toml(all);
}

} // namespace jack_server
