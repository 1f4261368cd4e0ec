// SPDX-License-Identifier: GPL-2.0-or-later
#include "command_line.hpp"

#include "config/config_layers.hpp"
#include "config/fallback_choice.hpp"
#include "config/options.hpp"
#include "config/suggest.hpp"
#include "config/validate.hpp"
#include "driver_arguments.hpp"
#include "errors.hpp"
#include "jack_server/error.hpp"
#include "jack_server/parameter_text.hpp"
#include "server_options.hpp"
#include "usage_error.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <set>
#include <span>

namespace jack_server::cli {

namespace {

// The command line cut where the driver begins: jackd's grammar is positional,
// so "-S" before -d is the server's sync and after it the driver's own option.
struct Sections {
    std::vector<std::string> server;
    std::optional<std::string> driver;
    std::vector<std::string> driver_words;
};

constexpr std::string_view jack1_only_options = "ZlF";

// `... -- COMMAND [ARGS...]`: the first word "--", before -d or after the
// driver's options, ends jack-server's and the driver's words.
struct CommandCut {
    std::vector<std::string> jackd;
    std::optional<std::vector<std::string>> command;
};

CommandCut cut_command(const std::vector<std::string>& words) {
    auto separator = std::find(words.begin(), words.end(), "--");
    if (separator == words.end())
        return {words, std::nullopt};
    return {{words.begin(), separator}, std::vector<std::string>(separator + 1, words.end())};
}

// The server options, declared once and parsed again for each command line:
// declaring them (~70 CLI11 options, each checked against those before it)
// costs far more than a parse, and the fuzz target parses thousands a second.
// One a thread; parse() returns a copy of the words, so a nested parse (the
// .jackdrc of a --jackdrc) leaves its caller's words alone.
class ServerOptionParser {
public:
    ServerOptionParser();
    ServerOptionParser(const ServerOptionParser&) = delete;
    ServerOptionParser& operator=(const ServerOptionParser&) = delete;

    // The declarations, for messages.
    const CLI::App& app() const { return app_; }
    // Whether option ("-p", "--port-max") is declared and takes a value.
    bool takes_value(const std::string& option) const { return with_value_.contains(option); }
    // Throws UsageError.
    ServerWords parse(const std::vector<std::string>& server_part);

private:
    void clear_words();

    ServerWords words_; // before app_, which refers to it
    CLI::App app_{"jack-server"};
    std::set<std::string, std::less<>> with_value_;
};

ServerOptionParser& server_option_parser() {
    thread_local ServerOptionParser parser;
    return parser;
}

// The value of option is the next word; refuses when there is none.
void require_value(const CLI::App& app, const std::string& option, bool has_next) {
    if (has_next)
        return;
    const auto* declared = app.get_option(option);
    auto names = spelled(declared->get_name(false, true));
    throw UsageError(fmt::format("option {} needs a value", names),
                     fmt::format("for example: {} {}", names.substr(0, names.find('/')),
                                 declared->get_type_name()));
}

bool is_driver_option(std::string_view long_name) {
    return long_name == "driver" || long_name == "audio-driver";
}

// Finds the first -d NAME (also -dNAME, -RdNAME, --driver[=]NAME,
// --audio-driver[=]NAME), stepping over the values of server options the way
// getopt does, and refuses jack1's options.
Sections split_at_driver(const ServerOptionParser& parser, const std::vector<std::string>& words) {
    const auto& app = parser.app();
    Sections sections;
    auto driver_at = [&](std::size_t next, std::string name) {
        if (name.empty()) {
            if (next >= words.size())
                throw UsageError("option -d/--driver needs a driver name",
                                 "for example: jack-server -d dummy");
            name = words[next++];
        }
        sections.driver = name;
        sections.driver_words.assign(words.begin() + static_cast<std::ptrdiff_t>(next),
                                     words.end());
    };
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& word = words[i];
        if (word.starts_with("--")) {
            auto equals = word.find('=');
            auto name =
                word.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
            if (is_driver_option(name)) {
                driver_at(i + 1, equals == std::string::npos ? "" : word.substr(equals + 1));
                return sections;
            }
            sections.server.push_back(word);
            if (equals == std::string::npos && parser.takes_value("--" + name)) {
                require_value(app, "--" + name, i + 1 < words.size());
                sections.server.push_back(words[++i]);
            }
            continue;
        }
        if (word.size() < 2 || word[0] != '-') {
            sections.server.push_back(word); // CLI11 reports it as unexpected
            continue;
        }
        for (std::size_t j = 1; j < word.size(); ++j) {
            char letter = word[j];
            if (jack1_only_options.find(letter) != std::string_view::npos)
                throw UsageError(fmt::format("option -{} is a jack1 option that jackd2 and "
                                             "jack-server do not have",
                                             letter),
                                 "remove it from the command line");
            if (letter == 'd') {
                if (j > 1)
                    sections.server.push_back(word.substr(0, j));
                driver_at(i + 1, word.substr(j + 1));
                return sections;
            }
            if (parser.takes_value(std::string("-") + letter)) {
                sections.server.push_back(word);
                if (j + 1 == word.size()) {
                    require_value(app, std::string("-") + letter, i + 1 < words.size());
                    sections.server.push_back(words[++i]);
                }
                break;
            }
            if (j + 1 == word.size())
                sections.server.push_back(word);
        }
    }
    return sections;
}

std::vector<std::string> long_option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const auto* option : app.get_options())
        for (const auto& name : option->get_lnames())
            names.push_back("--" + name);
    return names;
}

[[noreturn]] void unknown_server_option(const CLI::App& app, const std::string& word) {
    std::string hint = "'jack-server --help' lists the options";
    if (word.starts_with("--"))
        if (auto near = did_you_mean(word.substr(0, word.find('=')), long_option_names(app)))
            hint = fmt::format("did you mean '{}'? ", *near) + hint;
    if (word.empty() || word[0] != '-')
        throw UsageError(fmt::format("unexpected argument '{}' before -d", word),
                         "server options come before -d NAME; driver options after it");
    throw UsageError(fmt::format("unknown option '{}'", word), hint);
}

ServerOptionParser::ServerOptionParser() {
    declare_server_options(app_, words_);
    app_.allow_extras();
    for (const auto* option : app_.get_options()) {
        if (option->get_items_expected_min() == 0)
            continue;
        for (const auto& name : option->get_snames())
            with_value_.insert("-" + name);
        for (const auto& name : option->get_lnames())
            with_value_.insert("--" + name);
    }
}

ServerWords ServerOptionParser::parse(const std::vector<std::string>& server_part) {
    // Cleared on every way out: what a parse allocates is freed before it
    // returns (libFuzzer takes memory a run leaves behind for a leak).
    struct Clear {
        ServerOptionParser& parser;
        ~Clear() {
            parser.clear_words();
            parser.app_.clear();
        }
    } clear{*this};
    std::vector<std::string> reversed(server_part.rbegin(), server_part.rend());
    try {
        app_.parse(reversed);
    } catch (const CLI::ParseError& e) {
        throw UsageError(e.what(), "'jack-server --help' lists the options");
    }
    if (!app_.remaining().empty())
        unknown_server_option(app_, app_.remaining().front());
    return words_;
}

// Every word back to "not given". The app holds references to the maps'
// values: their nodes are kept, only the values reset; every other member
// takes its default by assignment, in place.
void ServerOptionParser::clear_words() {
    auto parameters = std::move(words_.parameters);
    auto own = std::move(words_.own);
    words_ = ServerWords{};
    words_.parameters = std::move(parameters);
    words_.own = std::move(own);
    for (auto& [name, given] : words_.parameters)
        given.reset();
    for (auto& [key, given] : words_.own)
        given.reset();
}

ServerWords parse_server_words(const std::vector<std::string>& server_part) {
    return server_option_parser().parse(server_part);
}

// Stores a server parameter given as text, refusing a bad value as a usage error.
void set_text(Config& config, const Catalog& catalog, const std::string& parameter,
              const std::string& text, const std::string& spelled) {
    try {
        auto value = parse_value(catalog.params().at(parameter), text, spelled);
        config.server[parameter] = Setting{value, spelled};
    } catch (const ParameterError& e) {
        throw UsageError(e.what(),
                         e.hint().empty() ? "'jack-server --help' describes " + spelled : e.hint());
    }
}

// jackd reads only the first letter, case-insensitively; c(ycle) is no longer
// offered by JACK and means the system clock.
std::uint32_t clock_source(const std::string& text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    for (std::string_view word : {"h", "hpet"})
        if (lower == word)
            return 1; // JACK_TIMER_HPET
    for (std::string_view word : {"s", "system", "c", "cycle"})
        if (lower == word)
            return 0; // JACK_TIMER_SYSTEM_CLOCK
    throw UsageError(
        fmt::format("invalid value '{}' for -c/--clock-source: expected h (hpet) or s (system)",
                    text),
        "c (cycle) is accepted and means s, as in jackd2");
}

void apply_server_parameters(Config& config, const ServerWords& words, const Catalog& catalog) {
    for (const auto& spelling : server_option_spellings()) {
        const auto& given = words.parameters.at(spelling.parameter);
        if (!given)
            continue;
        std::string parameter(spelling.parameter), names = spelled(spelling.flags);
        if (spelling.value_name.empty())
            config.server[parameter] = Setting{true, names};
        else if (parameter == "clock-source")
            config.server[parameter] = Setting{clock_source(*given), names};
        else
            set_text(config, catalog, parameter, *given, names);
    }
    if (words.no_realtime) {
        if (config.server.contains("realtime"))
            throw UsageError("options -R/--realtime and -r/--no-realtime contradict each other",
                             "give one of them");
        config.server["realtime"] = Setting{false, "-r/--no-realtime"};
    }
}

// jack-server's own options; -v also means debug logging.
void apply_own_options(Config& config, const ServerWords& words) {
    if (words.parameters.at("verbose")) {
        config.daemon.log_level = LogLevel::debug;
        config.origins["daemon.log-level"] = "-v/--verbose";
    }
    for (const auto& option : own_options()) {
        const auto& given = words.own.at(option.key);
        if (!given)
            continue;
        auto names = spelled(option.flags);
        try {
            auto value = read_text(option, *given, names);
            check(option, value, names, *given);
            option.set(config, value);
        } catch (const ParameterError& e) {
            throw UsageError(e.what(), e.hint());
        }
        config.origins[std::string(option.key)] = names;
    }
}

std::string did_you_mean_hint(const std::string& word, const std::vector<std::string>& names,
                              std::string_view what) {
    std::string hint;
    if (auto near = did_you_mean(word, names))
        hint = fmt::format("did you mean '{}'? ", *near);
    return hint + fmt::format("{}: {}", what, fmt::join(names, ", "));
}

Driver find_driver(const Catalog& catalog, const std::string& name, DriverType wanted,
                   std::string_view option) {
    auto names = catalog.driver_names(wanted);
    try {
        auto driver = catalog.get_driver(name);
        if (driver.type() == wanted)
            return driver;
        throw UsageError(fmt::format("driver '{}' given to {} is a {} driver; {} takes a {} driver",
                                     name, option, to_string(driver.type()), option,
                                     to_string(wanted)),
                         fmt::format("{} drivers: {}", to_string(wanted), fmt::join(names, ", ")));
    } catch (const DriverNotFoundError&) {
        auto what = fmt::format("{} drivers", to_string(wanted));
        throw UsageError(fmt::format("unknown driver '{}' given to {}", name, option),
                         did_you_mean_hint(name, names, what));
    }
}

void record_slaves(Config& config, const ServerWords& words, const Catalog& catalog) {
    for (const auto& name : words.slaves) {
        find_driver(catalog, name, DriverType::slave, "-X/--midi-driver");
        config.slaves.push_back(PluginConfig{name, {}, "-X/--midi-driver"});
    }
}

void record_internals(Config& config, const ServerWords& words, const Catalog& catalog) {
    auto names = catalog.internal_client_names();
    for (const auto& name : words.internals) {
        if (std::find(names.begin(), names.end(), name) == names.end())
            throw UsageError(
                fmt::format("unknown internal client '{}' given to -I/--internal-client", name),
                did_you_mean_hint(name, names, "internal clients"));
        config.internals.push_back(PluginConfig{name, {}, "-I/--internal-client"});
    }
}

// --connect FROM=TO: split at the first '=' (JACK's port names hold ':' but
// seldom '=').
void record_connections(Config& config, const ServerWords& words) {
    for (const auto& given : words.connections) {
        auto equals = given.find('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == given.size())
            throw UsageError(fmt::format("invalid value '{}' for --connect: expected FROM=TO, two "
                                         "port names or patterns",
                                         given),
                             "for example: --connect 'metro:*=system:playback_*'");
        config.connections.push_back(
            ConnectRule{given.substr(0, equals), given.substr(equals + 1), "--connect"});
    }
}

// --card NAME=DEVICE: split at the first '=' (ALSA device names hold ':'
// and ',' but seldom '=').
void record_cards(Config& config, const ServerWords& words) {
    for (const auto& given : words.cards) {
        auto equals = given.find('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == given.size())
            throw UsageError(fmt::format("invalid value '{}' for --card: expected NAME=DEVICE, "
                                         "a JACK client name and an ALSA device",
                                         given),
                             "for example: --card mic=hw:USB");
        config.cards.push_back(CardSpec{
            given.substr(0, equals), given.substr(equals + 1), {}, {}, {}, {}, {}, {}, "--card"});
    }
}

} // namespace

std::optional<std::vector<std::string>> plugins_needed(const std::vector<std::string>& words) {
    try {
        auto sections = split_at_driver(server_option_parser(), cut_command(words).jackd);
        auto server_words = parse_server_words(sections.server);
        // A config file or .jackdrc may name any plugin, and SIGHUP may later
        // switch to another driver: those get the full catalog.
        // --doctor reports every plugin the libjackserver has; --dbus offers
        // every driver and internal client in its parameter tree.
        if (server_words.help || server_words.version || !sections.driver ||
            has_config_source(server_words.config) || server_words.config.doctor ||
            server_words.own.at("daemon.dbus"))
            return std::nullopt;
        std::vector<std::string> plugins{*sections.driver};
        plugins.insert(plugins.end(), server_words.slaves.begin(), server_words.slaves.end());
        if (server_words.own.at("loopback"))
            plugins.push_back("loopback");
        auto fallback = server_words.own.at("daemon.fallback");
        if (fallback)
            plugins.push_back(FallbackChoice::parse(*fallback).driver);
        plugins.insert(plugins.end(), server_words.internals.begin(), server_words.internals.end());
        if (!fallback)
            plugins.push_back("dummy"); // where a suspend moves the master (SleepWatch)
        return plugins;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

CommandLine parse_command_line(const std::vector<std::string>& all_words, const Catalog& catalog) {
    auto [words, command] = cut_command(all_words);
    auto sections = split_at_driver(server_option_parser(), words);

    auto server_words = parse_server_words(sections.server);
    CommandLine result;
    if (server_words.help) {
        result.action = CommandLine::Action::help;
        return result;
    }
    if (server_words.version) {
        result.action = CommandLine::Action::version;
        return result;
    }
    if (auto request = list_request(server_words.listing, server_words.config.doctor)) {
        result.action = CommandLine::Action::list;
        result.listing = *request;
        return result;
    }
    auto& config = result.config;
    apply_server_parameters(config, server_words, catalog);
    apply_own_options(config, server_words);
    record_slaves(config, server_words, catalog);
    record_internals(config, server_words, catalog);
    record_connections(config, server_words);
    record_cards(config, server_words);

    result.json = server_words.listing.json;
    // --doctor alone examines the machine for any driver; --dbus chooses the
    // driver over D-Bus (jackdbus's default: dummy).
    bool dbus = server_words.own.at("daemon.dbus").has_value();
    if (!sections.driver && !has_config_source(server_words.config) &&
        !server_words.config.doctor && !dbus)
        throw UsageError("no driver given: -d NAME is required",
                         fmt::format("master drivers: {}; for example: jack-server -d dummy",
                                     fmt::join(catalog.driver_names(DriverType::master), ", ")));
    if (sections.driver) {
        auto driver = find_driver(catalog, *sections.driver, DriverType::master, "-d");
        config.driver.name = driver.name();
        config.driver.origin = "-d/--driver";
        auto arguments = parse_driver_arguments(driver, sections.driver_words);
        if (arguments.help) {
            result.action = CommandLine::Action::driver_help;
            return result;
        }
        config.driver.params = std::move(arguments.params);
    }
    apply_config_options(result, server_words.config, catalog);
    if (command) {
        if (command->empty())
            throw UsageError("'--' needs a command after it",
                             "for example: jack-server -d dummy -- jack_lsp");
        // --doctor examines a whole line, -- COMMAND included (which
        // --private-shm needs); it runs nothing.
        if (result.action != CommandLine::Action::run &&
            result.action != CommandLine::Action::doctor)
            throw UsageError(fmt::format("{} runs no command: it cannot be given with -- {}",
                                         result.action == CommandLine::Action::check
                                             ? "--check"
                                             : "--print-config",
                                         command->front()),
                             "drop '-- COMMAND' to check or print the configuration");
        result.config.command = std::move(*command);
    }
    apply_environment(result.config);
    try {
        validate(result.config, catalog);
        if (result.action == CommandLine::Action::run)
            check_at_start(result.config);
    } catch (const InvalidSetting& e) {
        if (e.from_command_line())
            throw UsageError(e.what(), e.hint());
        throw;
    }
    return result;
}

} // namespace jack_server::cli
