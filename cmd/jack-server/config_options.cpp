// SPDX-License-Identifier: GPL-2.0-or-later
#include "config_options.hpp"

#include "command_line.hpp"
#include "config/config_apply.hpp"
#include "config/config_file.hpp"
#include "config/config_layers.hpp"
#include "declare_word.hpp"
#include "errors.hpp"
#include "usage_error.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <unistd.h>

namespace jack_server::cli {

namespace {

// The places libjack's autostart reads, in its order.
std::string find_jackdrc() {
    std::vector<std::string> places;
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
        places.push_back(std::string(home) + "/.jackdrc");
    places.emplace_back("/etc/jackdrc");
    for (const auto& place : places)
        if (access(place.c_str(), F_OK) == 0)
            return place;
    throw ConfigError(fmt::format("no .jackdrc found: looked for {}", fmt::join(places, " and ")),
                      "give its path: --jackdrc FILE");
}

void mark_origins(ParameterSettings& settings, const std::string& where) {
    for (auto& [name, setting] : settings)
        setting.origin = fmt::format("{} ({})", where, setting.origin);
}

// The Config of the sources below the command line, then the command line.
Config layered(const std::optional<std::string>& jackdrc, const std::optional<std::string>& file,
               const Config& command_line, const Catalog& catalog) {
    Config config;
    if (jackdrc)
        apply_layer(config, read_jackdrc(*jackdrc, catalog));
    if (file)
        apply_layer(config, load_config_file(*file, catalog));
    apply_layer(config, command_line);
    apply_environment(config);
    if (config.driver.name.empty() && !config.daemon.dbus)
        throw ConfigError(fmt::format("{}: no driver given", file ? *file : *jackdrc),
                          "add a [driver] section with its name, or give -d DRIVER");
    return config;
}

} // namespace

void declare_config_options(CLI::App& app, ConfigWords& words) {
    add_word_option(app, "config", words.config);
    add_word_option(app, "jackdrc", words.jackdrc)->expected(0, 1);
    // A flag whose value, when given, follows '=': --print-config=json.
    const auto& print = command_line_word("print-config");
    app.add_flag(std::string(print.flags) + "{toml}", words.print_config, std::string(print.help))
        ->type_name("");
    add_word_flag(app, "check", words.check);
    add_word_flag(app, "doctor", words.doctor);
}

bool has_config_source(const ConfigWords& words) {
    return words.config.has_value() || words.jackdrc.has_value();
}

std::vector<std::string> split_words(std::string_view line) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = '\0';
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quote != '\0') {
            if (c == quote)
                quote = '\0';
            else
                word += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == '\\' && i + 1 < line.size()) {
            word += line[++i];
            in_word = true;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            if (in_word)
                words.push_back(std::move(word));
            word.clear();
            in_word = false;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (in_word)
        words.push_back(std::move(word));
    return words;
}

Config read_jackdrc(const std::string& given, const Catalog& catalog) {
    auto path = given.empty() ? find_jackdrc() : given;
    std::ifstream in(path);
    if (!in)
        throw ConfigError(fmt::format("cannot read .jackdrc '{}': {}", path, std::strerror(errno)),
                          "give a readable file to --jackdrc");
    std::string line;
    std::getline(in, line);
    auto words = split_words(line);
    // libjack's autostart runs the line's first word as the server program.
    if (!words.empty() && !words.front().starts_with("-"))
        words.erase(words.begin());
    for (const auto& word : words)
        for (std::string_view option :
             {"--config", "--jackdrc", "--print-config", "--check", "--doctor"})
            if (word.starts_with(option))
                throw ConfigError(
                    fmt::format("{}:1: option {} has no place in a .jackdrc", path, option),
                    "a .jackdrc holds a jackd command line");
    CommandLine command;
    try {
        command = parse_command_line(words, catalog);
    } catch (const UsageError& e) {
        throw ConfigError(fmt::format("{}:1: {}", path, e.what()), e.hint());
    }
    if (command.action != CommandLine::Action::run)
        throw ConfigError(fmt::format("{}:1: the line asks for help or a version", path),
                          "a .jackdrc holds the command line that starts the server");
    if (!command.config.command.empty())
        throw ConfigError(fmt::format("{}:1: '-- COMMAND' has no place in a .jackdrc", path),
                          "give -- COMMAND on jack-server's command line");
    auto where = fmt::format("{}:1", path);
    auto mark = [&](std::string& origin) { origin = fmt::format("{} ({})", where, origin); };
    mark_origins(command.config.server, where);
    mark_origins(command.config.driver.params, where);
    mark(command.config.driver.origin);
    for (auto* plugins : {&command.config.slaves, &command.config.internals})
        for (auto& plugin : *plugins) {
            mark(plugin.origin);
            mark_origins(plugin.params, where);
        }
    for (auto& [key, origin] : command.config.origins)
        mark(origin);
    return command.config;
}

void apply_config_options(CommandLine& command, const ConfigWords& words, const Catalog& catalog) {
    if (words.print_config) {
        if (*words.print_config == "toml")
            command.print_format = ConfigFormat::toml;
        else if (*words.print_config == "json")
            command.print_format = ConfigFormat::json;
        else
            throw UsageError(fmt::format("invalid value '{}' for --print-config: expected toml "
                                         "or json",
                                         *words.print_config),
                             "for example: --print-config=json");
        command.action = CommandLine::Action::print_config;
    }
    if (words.check) {
        if (words.print_config)
            throw UsageError("options --print-config and --check exclude each other",
                             "give one of them");
        command.action = CommandLine::Action::check;
    }
    if (words.doctor) {
        if (words.print_config || words.check)
            throw UsageError(fmt::format("options --doctor and {} exclude each other",
                                         words.check ? "--check" : "--print-config"),
                             "give one of them");
        command.action = CommandLine::Action::doctor;
    }
    if (!has_config_source(words))
        return;
    Config command_line = command.config;
    auto jackdrc = words.jackdrc, file = words.config;
    // The default place is looked up once, so a reload reads the same file.
    if (jackdrc && jackdrc->empty())
        jackdrc = find_jackdrc();
    command.config = layered(jackdrc, file, command_line, catalog);
    command.config.reread = [jackdrc, file, command_line, catalog] {
        return layered(jackdrc, file, command_line, catalog);
    };
}

void check_config(Server& server, const Config& config, std::ostream& out) {
    auto refuse = [&](const std::string& origin, const std::string& message,
                      const std::string& hint) {
        if (origin.empty() || origin.starts_with("-"))
            throw UsageError(message, hint);
        throw ConfigError(fmt::format("{}: {}", origin, message), hint);
    };
    // --dbus with no driver: jackdbus's default, what StartServer runs.
    auto checked = config;
    if (checked.daemon.dbus && checked.driver.name.empty())
        checked.driver.name = "dummy";
    try {
        apply_parameters(server, checked);
    } catch (const Error& e) {
        refuse(config.reread ? "configuration" : "", e.what(), "man jack-server.toml");
    }
    for (const auto& slave : config.slaves)
        if (server.get_driver(slave.name).type() != DriverType::slave)
            refuse("", fmt::format("driver '{}' is not a slave driver", slave.name),
                   "jack-server --help lists the slave drivers");
    if (config.session_file && access(config.session_file->c_str(), R_OK) != 0) {
        auto origin =
            config.origins.contains("session-file") ? config.origins.at("session-file") : "";
        refuse(origin,
               fmt::format("cannot read session file '{}': {}", *config.session_file,
                           std::strerror(errno)),
               "give a readable file to -C/--internal-session-file or session-file");
    }
    out << "configuration OK: " << describe(server) << "\n";
}

} // namespace jack_server::cli
