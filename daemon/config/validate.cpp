// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/validate.hpp"

#include "config/options.hpp"
#include "errors.hpp"
#include "fallback.hpp"

#include <fmt/format.h>

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
    for (const auto& [name, setting] : settings)
        // clang 14 cannot capture a structured binding: bind them by init-capture.
        checked(setting.origin, section + "." + name,
                [&params, &name = name, &value = setting.value](const std::string& spelled) {
                    params.at(name).validated(value, spelled);
                });
}

} // namespace

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
                    detail::check_fallback(detail::Fallback::parse(*config.daemon.fallback),
                                           catalog, spelled);
                });
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
    validate_parameters(catalog.params(), config.server, "server");
    if (!config.driver.name.empty())
        validate_parameters(catalog.get_driver(config.driver.name).params(), config.driver.params,
                            "driver");
    for (const auto& slave : config.slaves)
        validate_parameters(catalog.get_driver(slave.name).params(), slave.params, "slave");
    for (const auto& internal : config.internals)
        validate_parameters(catalog.get_internal_client(internal.name).params(), internal.params,
                            "internal");
}

} // namespace jack_server
