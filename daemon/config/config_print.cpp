#include "config/config_print.hpp"

#include "log.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace jack_server {

namespace {

using Json = nlohmann::ordered_json;

Json to_json(const ParameterValue& value) {
    return std::visit(
        [](const auto& v) -> Json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, char>)
                return std::string(1, v);
            else
                return v;
        },
        value);
}

// One key of a section as printed: its value, and whether a layer set it.
struct Entry {
    std::string key;
    Json value; // null: no value and no default (an unset optional daemon option)
    bool set = false;
};

struct Section {
    std::string header;     // "[driver]", "[[slave]]"; empty for the top level
    std::string set_prefix; // "driver.", "slave.alsarawmidi."
    std::vector<Entry> entries;
};

std::vector<Entry> parameter_entries(const ParameterList& params,
                                     const ParameterSettings& settings) {
    std::vector<Entry> entries;
    for (const auto& parameter : params) {
        auto name = parameter.name();
        auto setting = settings.find(name);
        if (setting != settings.end())
            entries.push_back({name, to_json(setting->second.value), true});
        else
            entries.push_back({name, to_json(parameter.default_value()), false});
    }
    return entries;
}

Section plugin_section(std::string header, std::string prefix, const PluginConfig& plugin,
                       const ParameterList& params) {
    Section section{std::move(header), std::move(prefix), {}};
    section.entries.push_back({"name", plugin.name, true});
    auto entries = parameter_entries(params, plugin.params);
    section.entries.insert(section.entries.end(), entries.begin(), entries.end());
    return section;
}

std::string duration_text(std::chrono::milliseconds duration) {
    if (duration.count() % 1000 == 0)
        return fmt::format("{}s", duration.count() / 1000);
    return fmt::format("{}ms", duration.count());
}

template <typename T, typename Show>
Entry daemon_entry(const Config& config, const std::string& key, T DaemonOptions::*field,
                   Show show) {
    static const DaemonOptions defaults;
    const auto& value = config.daemon.*field;
    bool set = config.origins.contains("daemon." + key) || !(value == defaults.*field);
    return {key, show(value), set};
}

template <typename T> Json optional_json(const std::optional<T>& value) {
    return value ? Json(*value) : Json();
}

Section daemon_section(const Config& config) {
    Section section{"[daemon]", "daemon.", {}};
    auto& e = section.entries;
    e.push_back(daemon_entry(config, "log-level", &DaemonOptions::log_level,
                             [](LogLevel v) { return Json(to_string(v)); }));
    e.push_back(daemon_entry(config, "log-format", &DaemonOptions::log_format, [](LogFormat v) {
        return Json(v == LogFormat::json ? "json" : "text");
    }));
    e.push_back(
        daemon_entry(config, "silent", &DaemonOptions::silent, [](bool v) { return Json(v); }));
    e.push_back(daemon_entry(config, "ready-fd", &DaemonOptions::ready_fd, optional_json<int>));
    e.push_back(daemon_entry(config, "background", &DaemonOptions::background,
                             [](bool v) { return Json(v); }));
    e.push_back(
        daemon_entry(config, "pid-file", &DaemonOptions::pid_file, optional_json<std::string>));
    auto duration = [](const std::optional<std::chrono::milliseconds>& v) {
        return v ? Json(duration_text(*v)) : Json();
    };
    e.push_back(daemon_entry(config, "stall-timeout", &DaemonOptions::stall_timeout, duration));
    e.push_back(daemon_entry(config, "wait-device", &DaemonOptions::wait_device, duration));
    e.push_back(
        daemon_entry(config, "max-xruns", &DaemonOptions::max_xruns, optional_json<std::uint64_t>));
    e.push_back(
        daemon_entry(config, "stats-file", &DaemonOptions::stats_file, optional_json<std::string>));
    return section;
}

std::vector<Section> sections(const Config& config, const Server& catalog) {
    std::vector<Section> all;
    Section top{"", "", {}};
    top.entries.push_back({"loopback", config.loopback_ports,
                           config.loopback_ports != 0 || config.origins.contains("loopback")});
    top.entries.push_back(
        {"session-file", optional_json(config.session_file), config.session_file.has_value()});
    all.push_back(std::move(top));
    all.push_back({"[server]", "server.", parameter_entries(catalog.params(), config.server)});
    all.push_back(plugin_section("[driver]", "driver.", config.driver,
                                 catalog.get_driver(config.driver.name).params()));
    for (const auto& slave : config.slaves)
        all.push_back(plugin_section("[[slave]]", "slave." + slave.name + ".", slave,
                                     catalog.get_driver(slave.name).params()));
    for (const auto& internal : config.internals)
        all.push_back(plugin_section("[[internal]]", "internal." + internal.name + ".", internal,
                                     catalog.get_internal_client(internal.name).params()));
    all.push_back(daemon_section(config));
    return all;
}

// JSON's text of a string, number or bool is also TOML's (both escape the same
// way for what a parameter can hold).
std::string print_toml(const std::vector<Section>& all) {
    std::string text =
        "# jack-server configuration (man jack-server.toml). A commented line shows\n"
        "# the default of a setting that is not given.\n";
    for (const auto& section : all) {
        if (!section.header.empty())
            text += "\n" + section.header + "\n";
        for (const auto& entry : section.entries) {
            if (entry.value.is_null())
                text += fmt::format("# {} =\n", entry.key);
            else
                text += fmt::format("{}{} = {}\n", entry.set ? "" : "# ", entry.key,
                                    entry.value.dump());
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
    Json slaves = Json::array(), internals = Json::array(), set = Json::array();
    for (const auto& section : all) {
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
    for (const auto& entry : all.front().entries)
        json[entry.key] = entry.value;
    json["daemon"] = object(all.back().entries);
    json["set"] = set;
    return json.dump(2) + "\n";
}

} // namespace

std::string print_config(const Config& config, const Server& catalog, ConfigFormat format) {
    auto all = sections(config, catalog);
    return format == ConfigFormat::json ? print_json(all) : print_toml(all);
}

} // namespace jack_server
