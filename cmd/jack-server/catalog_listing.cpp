// SPDX-License-Identifier: GPL-2.0-or-later
#include "catalog_listing.hpp"

#include "card_listing.hpp"
#include "config/json_value.hpp"
#include "config/options.hpp"
#include "config/suggest.hpp"
#include "jack_server/parameter_text.hpp"
#include "usage_error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ostream.h>

namespace jack_server::cli {

namespace {

using Json = nlohmann::ordered_json;

// Names on the command line, as CLI11 lists them: "-n", "--name".
std::vector<std::string> flag_names(std::string_view flags) {
    std::vector<std::string> names;
    for (std::size_t start = 0; start <= flags.size();) {
        auto end = std::min(flags.find(',', start), flags.size());
        names.emplace_back(flags.substr(start, end - start));
        start = end + 1;
    }
    return names;
}

enum class Owner { server, driver, internal };

// A value as the text form shows it: quoted when a shell would lose it.
std::string text_value(const ParameterValue& value) {
    auto text = format_value(value);
    bool blank = text.empty() || text.find_first_of(" \t\n") != std::string::npos;
    return blank ? "'" + text + "'" : text;
}

std::vector<std::string> option_spellings(const Parameter& parameter, Owner owner) {
    if (owner == Owner::server) {
        const auto* spelling = find_server_spelling(parameter.name());
        return spelling ? flag_names(spelling->flags) : std::vector<std::string>{};
    }
    if (owner == Owner::internal)
        return {}; // jackd's -I takes no parameters
    return {fmt::format("-{}", parameter.id()), "--" + parameter.name()};
}

Json parameter_json(const Parameter& parameter, Owner owner) {
    Json json;
    json["name"] = parameter.name();
    json["id"] = owner == Owner::server ? Json(nullptr) : Json(std::string(1, parameter.id()));
    json["type"] = std::string(to_string(parameter.type()));
    json["default"] = json_value(parameter.default_value());
    json["short_description"] = parameter.short_description();
    json["long_description"] = parameter.long_description();
    json["options"] = option_spellings(parameter, owner);
    if (auto range = parameter.range())
        json["range"] = {{"min", json_value(range->min)}, {"max", json_value(range->max)}};
    auto choices = parameter.choices();
    if (!choices.empty()) {
        Json values = Json::array();
        for (const auto& choice : choices)
            values.push_back(
                {{"value", json_value(choice.value)}, {"description", choice.description}});
        json["choices"] = std::move(values);
        json["choices_strict"] = parameter.choices_are_strict();
    }
    return json;
}

Json parameters_json(const ParameterList& parameters, Owner owner) {
    Json list = Json::array();
    for (const auto& parameter : parameters)
        list.push_back(parameter_json(parameter, owner));
    return list;
}

std::string allowed_text(const Parameter& parameter, Owner owner) {
    // -c takes letters where libjackserver stores a number: its value name lists them.
    if (owner == Owner::server)
        if (const auto* spelling = find_server_spelling(parameter.name());
            spelling && spelling->value_name.find('|') != std::string_view::npos)
            return std::string(spelling->value_name);
    if (auto range = parameter.range())
        return format_value(range->min) + ".." + format_value(range->max);
    std::vector<std::string> values;
    for (const auto& choice : parameter.choices())
        values.push_back(text_value(choice.value));
    return values.empty() ? "-" : fmt::format("{}", fmt::join(values, "|"));
}

// The default as the command line gives it: -c takes h or s, not 1 or 0.
std::string default_text(const Parameter& parameter, Owner owner) {
    auto value = parameter.default_value();
    if (owner == Owner::server && parameter.name() == "clock-source")
        if (auto* source = std::get_if<std::uint32_t>(&value))
            return *source == 1 ? "h" : "s"; // JACK_TIMER_HPET is 1
    return text_value(value);
}

void print_parameters_text(std::ostream& out, const ParameterList& parameters, Owner owner) {
    for (const auto& parameter : parameters) {
        std::string short_name = "-", long_name = "--" + parameter.name();
        if (owner == Owner::server) {
            if (const auto* spelling = find_server_spelling(parameter.name())) {
                auto names = flag_names(spelling->flags);
                short_name = names.front().starts_with("--") ? "-" : names.front();
                long_name = names.back();
            }
        } else {
            short_name = fmt::format("-{}", parameter.id());
        }
        fmt::print(out, "{}\t{}\t{}\t{}\t{}\t{}\n", short_name, long_name,
                   to_string(parameter.type()), default_text(parameter, owner),
                   allowed_text(parameter, owner), parameter.short_description());
    }
}

std::vector<Driver> sorted_drivers(const Catalog& catalog) {
    auto drivers = catalog.drivers();
    std::sort(drivers.begin(), drivers.end(),
              [](const Driver& a, const Driver& b) { return a.name() < b.name(); });
    return drivers;
}

std::vector<InternalClient> sorted_internals(const Catalog& catalog) {
    auto internals = catalog.internal_clients();
    std::sort(internals.begin(), internals.end(),
              [](const InternalClient& a, const InternalClient& b) { return a.name() < b.name(); });
    return internals;
}

Json driver_json(const Driver& driver) {
    return {{"name", driver.name()},
            {"type", std::string(to_string(driver.type()))},
            {"params", parameters_json(driver.params(), Owner::driver)}};
}

Json internal_json(const InternalClient& internal) {
    return {{"name", internal.name()},
            {"params", parameters_json(internal.params(), Owner::internal)}};
}

void print_drivers(std::ostream& out, const Catalog& catalog, bool json) {
    auto drivers = sorted_drivers(catalog);
    if (!json) {
        for (const auto& driver : drivers)
            fmt::print(out, "{}\t{}\n", driver.name(), to_string(driver.type()));
        return;
    }
    Json list = Json::array();
    for (const auto& driver : drivers)
        list.push_back(driver_json(driver));
    out << Json{{"drivers", list}}.dump(2) << "\n";
}

void print_internals(std::ostream& out, const Catalog& catalog, bool json) {
    auto internals = sorted_internals(catalog);
    if (!json) {
        for (const auto& internal : internals)
            fmt::print(out, "{}\n", internal.name());
        return;
    }
    Json list = Json::array();
    for (const auto& internal : internals)
        list.push_back(internal_json(internal));
    out << Json{{"internals", list}}.dump(2) << "\n";
}

[[noreturn]] void unknown_plugin(const Catalog& catalog, const std::string& name) {
    std::vector<std::string> names;
    for (const auto& driver : catalog.drivers())
        names.push_back(driver.name());
    for (const auto& internal : catalog.internal_clients())
        names.push_back(internal.name());
    std::sort(names.begin(), names.end());
    std::string hint = fmt::format("drivers and internal clients: {}", fmt::join(names, ", "));
    if (auto near = did_you_mean(name, names))
        hint = fmt::format("did you mean '{}'? ", *near) + hint;
    throw UsageError(
        fmt::format("unknown driver or internal client '{}' given to --list params", name), hint);
}

void print_params(std::ostream& out, const Catalog& catalog, const ListRequest& request) {
    Owner owner = Owner::server;
    ParameterList parameters;
    Json json;
    if (!request.name) {
        parameters = catalog.params();
        json = {{"name", "server"}, {"kind", "server"}};
    } else {
        // A driver first: jackd's own listing looks there first too.
        auto drivers = catalog.drivers();
        auto internals = catalog.internal_clients();
        auto driver = std::find_if(drivers.begin(), drivers.end(),
                                   [&](const Driver& d) { return d.name() == *request.name; });
        auto internal =
            std::find_if(internals.begin(), internals.end(),
                         [&](const InternalClient& i) { return i.name() == *request.name; });
        if (driver != drivers.end()) {
            owner = Owner::driver;
            parameters = driver->params();
            json = {{"name", driver->name()},
                    {"kind", "driver"},
                    {"type", std::string(to_string(driver->type()))}};
        } else if (internal != internals.end()) {
            owner = Owner::internal;
            parameters = internal->params();
            json = {{"name", internal->name()}, {"kind", "internal"}};
        } else {
            unknown_plugin(catalog, *request.name);
        }
    }
    if (!request.json) {
        print_parameters_text(out, parameters, owner);
        return;
    }
    json["params"] = parameters_json(parameters, owner);
    out << json.dump(2) << "\n";
}

// --- jack-server's own options (the options table) ---------------------------

std::string_view kind_name(OptionKind kind) {
    switch (kind) {
    case OptionKind::flag:
        return "flag";
    case OptionKind::whole:
        return "whole";
    case OptionKind::duration:
        return "duration";
    case OptionKind::text:
        return "text";
    case OptionKind::word:
        return "word";
    }
    return "?";
}

// What the option accepts, as the params listing says it: "3..65535",
// "error|warn|info|debug", "100ms.." (a duration's floor), "-".
std::string allowed_text(const Option& option) {
    switch (option.kind) {
    case OptionKind::whole:
        return fmt::format("{}..{}", option.min, option.max);
    case OptionKind::word:
        return fmt::format("{}", fmt::join(option.words, "|"));
    case OptionKind::duration:
        return format_option_value(option.min_duration) + "..";
    case OptionKind::flag:
    case OptionKind::text:
        return "-";
    }
    return "-";
}

Json option_json(const Option& option) {
    Json json;
    json["key"] = std::string(option.key);
    json["options"] = flag_names(option.flags);
    json["value_name"] = std::string(option.value_name);
    json["kind"] = std::string(kind_name(option.kind));
    json["default"] = default_shown(option);
    json["help"] = std::string(option.help);
    json["reload"] = option.reload == Reload::live ? "live" : "restart";
    json["expected"] = describe_expected(option);
    if (option.kind == OptionKind::whole)
        json["range"] = {{"min", option.min}, {"max", option.max}};
    if (option.kind == OptionKind::word)
        json["words"] = std::vector<std::string>(option.words.begin(), option.words.end());
    if (option.kind == OptionKind::duration) {
        json["min"] = format_option_value(option.min_duration);
        if (option.min_periods > 0)
            json["min_periods"] = option.min_periods;
        json["min_reason"] = std::string(option.min_reason);
    }
    if (!option.environment.empty())
        json["environment"] = std::string(option.environment);
    return json;
}

// The options tables. JSON: every option the command line takes, from the
// three tables: jack-server's own (with its file key, default and bounds), the
// server parameters' spellings (whose metadata --list params gives) and the
// command line's own words. Text: jack-server's own options, one a line,
// SHORT, LONG, KIND, DEFAULT, ALLOWED, FILE-KEY, HELP by tabs.
void print_options(std::ostream& out, bool json) {
    if (json) {
        Json own = Json::array(), server = Json::array(), words = Json::array();
        for (const auto& option : own_options())
            own.push_back(option_json(option));
        for (const auto& spelling : server_option_spellings())
            server.push_back({{"parameter", std::string(spelling.parameter)},
                              {"key", "server." + std::string(spelling.parameter)},
                              {"options", flag_names(spelling.flags)},
                              {"value_name", std::string(spelling.value_name)},
                              {"help", std::string(spelling.help)}});
        for (const auto& word : command_line_words())
            words.push_back({{"name", std::string(word.name)},
                             {"options", flag_names(word.flags)},
                             {"value_name", std::string(word.value_name)},
                             {"file_key", std::string(word.file_key)},
                             {"repeatable", word.repeatable},
                             {"help", std::string(word.help)}});
        out << Json{{"options", own}, {"server_options", server}, {"command_line", words}}.dump(2)
            << "\n";
        return;
    }
    auto short_and_long = [](std::string_view flags) {
        auto names = flag_names(flags);
        std::string short_name = names.front().starts_with("--") ? "-" : names.front();
        auto long_name = std::find_if(names.begin(), names.end(),
                                      [](const std::string& n) { return n.starts_with("--"); });
        return std::pair{short_name, long_name == names.end() ? "-" : *long_name};
    };
    for (const auto& option : own_options()) {
        auto [short_name, long_name] = short_and_long(option.flags);
        fmt::print(out, "{}\t{}\t{}\t{}\t{}\t{}\t{}\n", short_name, long_name,
                   kind_name(option.kind), default_shown(option), allowed_text(option), option.key,
                   option.help);
    }
}

} // namespace

void print_listing(std::ostream& out, const Catalog& catalog, const ListRequest& request) {
    switch (request.what) {
    case ListRequest::What::drivers:
        print_drivers(out, catalog, request.json);
        return;
    case ListRequest::What::internals:
        print_internals(out, catalog, request.json);
        return;
    case ListRequest::What::params:
        print_params(out, catalog, request);
        return;
    case ListRequest::What::options:
        print_options(out, request.json);
        return;
    case ListRequest::What::cards:
        print_cards(out, detail::report_cards({}, detail::BusNames()), request.json);
        return;
    }
}

} // namespace jack_server::cli
