// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/validate.hpp"

#include "config/device_spec.hpp"
#include "config/errors.hpp"
#include "config/fallback_choice.hpp"
#include "config/options.hpp"

#include <fmt/format.h>
#include <set>

namespace jack_server {

namespace {

bool is_command_line(const std::string& origin) {
    return origin.starts_with("-");
}

// Runs check, naming the value as its origin does, and turns its refusal into
// an InvalidSetting: "FILE:LINE: <message>" for a file.
template <typename Check>
void checked(const std::string& origin, const std::string& key, Check check) {
    bool command_line = is_command_line(origin);
    try {
        check(command_line ? origin : key);
    } catch (const ParameterError& e) {
        auto message =
            command_line || origin.empty() ? e.what() : fmt::format("{}: {}", origin, e.what());
        throw InvalidSetting(message, e.hint(), command_line);
    }
}

void validate_parameters(const ParameterList& params, const ParameterSettings& settings,
                         const std::string& section) {
    // Not a structured binding: a lambda may capture one only from clang 16.
    for (const auto& entry : settings) {
        const auto& setting = entry.second;
        auto parameter = params.at(entry.first);
        checked(setting.origin, section + "." + entry.first,
                [&](const std::string& spelled) { parameter.validated(setting.value, spelled); });
    }
}

std::string origin_of(const Config& config, std::string_view key) {
    auto origin = config.origins.find(std::string(key));
    return origin != config.origins.end() ? origin->second : "";
}

// The value of the driver's parameter as a number: the one set, else its default.
std::uint32_t driver_number(const Config& config, const Driver& driver, std::string_view name) {
    auto parameter = driver.params().find(name);
    if (!parameter)
        return 0;
    auto setting = config.driver.params.find(std::string(name));
    auto value =
        setting != config.driver.params.end() ? setting->second.value : parameter->default_value();
    if (const auto* number = std::get_if<std::uint32_t>(&value))
        return *number;
    if (const auto* number = std::get_if<std::int32_t>(&value))
        return *number > 0 ? static_cast<std::uint32_t>(*number) : 0;
    return 0;
}

// A duration at least some periods long (--stall-timeout), for the driver's
// rate and period: a driver without them (net) sets no floor in periods.
void validate_periods(const Config& config, const Catalog& catalog) {
    if (config.driver.name.empty())
        return;
    auto timing = engine_timing(config, catalog);
    if (timing.rate == 0 || timing.period == 0)
        return;
    for (const auto& option : own_options()) {
        auto value = option.get(config);
        if (option.min_periods == 0 || !value)
            continue;
        checked(origin_of(config, option.key), std::string(option.key),
                [&](const std::string& spelled) {
                    check_periods(option, std::get<std::chrono::milliseconds>(*value), timing.rate,
                                  timing.period, spelled);
                });
    }
}

// A device named by identity (usb:, id:, path:) must be well formed; whether
// it matches a card is known only at start (device_identity.hpp).
void validate_device_specs(const PluginConfig& driver, const std::string& section) {
    if (driver.name != "alsa")
        return;
    for (const char* name : {"device", "playback", "capture"}) {
        auto setting = driver.params.find(name);
        if (setting == driver.params.end())
            continue;
        const auto* text = std::get_if<std::string>(&setting->second.value);
        if (text == nullptr)
            continue;
        checked(setting->second.origin, section + "." + name,
                [&](const std::string& spelled) { parse_device_spec(*text, spelled); });
    }
}

} // namespace

EngineTiming engine_timing(const Config& config, const Catalog& catalog) {
    if (config.driver.name.empty())
        return {};
    auto driver = catalog.get_driver(config.driver.name);
    return {driver_number(config, driver, "rate"), driver_number(config, driver, "period")};
}

void check_at_start(const Config& config) {
    for (const auto& option : own_options()) {
        auto value = option.get(config);
        if (option.check_at_start == nullptr || !value)
            continue;
        checked(origin_of(config, option.key), std::string(option.key),
                [&](const std::string& spelled) { option.check_at_start(*value, spelled); });
    }
}

// An extra card's fields, each within what its bridge (zita-a2j, zita-j2a)
// takes; names unique and a JACK client name (no ':'), not the master's.
void validate_cards(const std::vector<CardSpec>& cards) {
    std::set<std::string> names;
    for (const auto& card : cards) {
        bool command_line = is_command_line(card.origin);
        auto refuse = [&](const std::string& field, const std::string& value,
                          const std::string& expected) {
            auto what = command_line ? fmt::format("invalid value '{}' for --card: {}",
                                                   card.name + "=" + card.device, expected)
                                     : fmt::format("{}: invalid value '{}' for card.{}: {}",
                                                   card.origin, value, field, expected);
            throw InvalidSetting(what, "man jack-server.toml describes [[card]]", command_line);
        };
        if (card.name.find(':') != std::string::npos || card.name == "system" ||
            card.name.size() > 60)
            refuse("name", card.name,
                   "expected a JACK client name: no ':', not 'system', at most 60 characters");
        if (!names.insert(card.name).second)
            refuse("name", card.name, "expected a name no other card has");
        if (card.capture == false && card.playback == false)
            refuse("capture", "false", "expected capture or playback, or both");
        auto within = [&](const char* field, const std::optional<std::uint32_t>& value,
                          std::uint32_t low, std::uint32_t high) {
            if (value && (*value < low || *value > high))
                refuse(field, std::to_string(*value),
                       fmt::format("expected a whole number from {} to {}", low, high));
        };
        within("channels", card.channels, 1, 64);
        within("period", card.period, 16, 8192);
        within("nperiods", card.nperiods, 2, 16);
        within("quality", card.quality, 16, 96);
    }
}

void validate(const Config& config, const Catalog& catalog) {
    for (const auto& option : own_options()) {
        auto value = option.get(config);
        if (!value)
            continue;
        auto origin = config.origins.find(std::string(option.key));
        checked(origin != config.origins.end() ? origin->second : "", std::string(option.key),
                [&](const std::string& spelled) { check(option, *value, spelled); });
    }
    if (!config.command.empty() && config.daemon.background) {
        auto origin = config.origins.find("daemon.background");
        auto spelled = origin != config.origins.end() && !is_command_line(origin->second)
                           ? origin->second + ": daemon.background"
                           : std::string("--background");
        throw InvalidSetting(
            fmt::format("{} cannot be given with -- COMMAND: the command runs in the foreground "
                        "and jack-server ends with it",
                        spelled),
            "drop --background, or run the command without jack-server", true);
    }
    if (config.daemon.fallback) {
        auto origin = config.origins.find("daemon.fallback");
        checked(origin != config.origins.end() ? origin->second : "", "daemon.fallback",
                [&](const std::string& spelled) {
                    auto fallback = FallbackChoice::parse(*config.daemon.fallback);
                    check_fallback(fallback, catalog, spelled);
                    if (fallback.device)
                        parse_device_spec(*fallback.device, spelled);
                });
    }
    if (config.daemon.dbus && !config.command.empty()) {
        auto origin = config.origins.find("daemon.dbus");
        bool from_file = origin != config.origins.end() && !is_command_line(origin->second);
        throw InvalidSetting(
            fmt::format("{} runs the server from StartServer to StopServer: it cannot run -- {}",
                        from_file ? origin->second + ": daemon.dbus" : std::string("--dbus"),
                        config.command.front()),
            "run the command as a client of the server that D-Bus starts", !from_file);
    }
    if (config.daemon.private_shm && config.command.empty()) {
        auto origin = config.origins.find("daemon.private-shm");
        bool from_file = origin != config.origins.end() && !is_command_line(origin->second);
        throw InvalidSetting(
            fmt::format("{} needs -- COMMAND: no client outside the server's own /dev/shm "
                        "could reach it",
                        from_file ? origin->second + ": daemon.private-shm"
                                  : std::string("--private-shm")),
            "for example: jack-server --private-shm -d dummy -- ./run-tests", !from_file);
    }
    validate_cards(config.cards);
    validate_parameters(catalog.params(), config.server, "server");
    validate_periods(config, catalog);
    if (!config.driver.name.empty()) {
        validate_parameters(catalog.get_driver(config.driver.name).params(), config.driver.params,
                            "driver");
        validate_device_specs(config.driver, "driver");
    }
    for (const auto& slave : config.slaves)
        validate_parameters(catalog.get_driver(slave.name).params(), slave.params, "slave");
    for (const auto& internal : config.internals)
        validate_parameters(catalog.get_internal_client(internal.name).params(), internal.params,
                            "internal");
}

} // namespace jack_server
