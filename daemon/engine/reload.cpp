// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/reload.hpp"

#include "cards/device_identity.hpp"
#include "config/config_apply.hpp"
#include "config/options.hpp"
#include "engine/driver_connections.hpp"
#include "errors.hpp"
#include "jack_server/parameter_text.hpp"
#include "log.hpp"

#include <fmt/format.h>

namespace jack_server {

namespace {

// A parameter's value under settings: the one set, or libjackserver's default.
ParameterValue effective(const Parameter& parameter, const ParameterSettings& settings) {
    auto setting = settings.find(parameter.name());
    return setting != settings.end() ? parameter.validated(setting->second.value)
                                     : parameter.default_value();
}

std::string change(const std::string& what, const ParameterValue& from, const ParameterValue& to) {
    return fmt::format("{} {} → {}", what, format_value(from), format_value(to));
}

std::vector<std::string> parameter_changes(const ParameterList& params,
                                           const ParameterSettings& running,
                                           const ParameterSettings& wanted,
                                           const std::string& prefix) {
    std::vector<std::string> changes;
    for (const auto& parameter : params) {
        auto from = effective(parameter, running);
        auto to = effective(parameter, wanted);
        if (from == to)
            continue;
        auto text = change(prefix + parameter.name(), from, to);
        if (auto setting = wanted.find(parameter.name());
            setting != wanted.end() && !setting->second.origin.empty())
            text += fmt::format(" ({})", setting->second.origin);
        changes.push_back(text);
    }
    return changes;
}

std::vector<std::string> names(const std::vector<PluginConfig>& plugins) {
    std::vector<std::string> result;
    for (const auto& plugin : plugins)
        result.push_back(plugin.name);
    return result;
}

// Slaves, internal clients, loopback and session file are set up only while
// the server starts.
void plugin_changes(const Server& server, const Config& running, const Config& wanted,
                    std::vector<std::string>& out) {
    if (names(running.slaves) != names(wanted.slaves))
        out.push_back(fmt::format("slave drivers [{}] → [{}]",
                                  fmt::join(names(running.slaves), ", "),
                                  fmt::join(names(wanted.slaves), ", ")));
    else
        for (std::size_t i = 0; i < wanted.slaves.size(); ++i) {
            auto more = parameter_changes(server.get_driver(wanted.slaves[i].name).params(),
                                          running.slaves[i].params, wanted.slaves[i].params,
                                          "slave " + wanted.slaves[i].name + ": ");
            out.insert(out.end(), more.begin(), more.end());
        }
    if (names(running.internals) != names(wanted.internals))
        out.push_back(fmt::format("internal clients [{}] → [{}]",
                                  fmt::join(names(running.internals), ", "),
                                  fmt::join(names(wanted.internals), ", ")));
    else
        for (std::size_t i = 0; i < wanted.internals.size(); ++i) {
            auto more =
                parameter_changes(server.get_internal_client(wanted.internals[i].name).params(),
                                  running.internals[i].params, wanted.internals[i].params,
                                  "internal " + wanted.internals[i].name + ": ");
            out.insert(out.end(), more.begin(), more.end());
        }
}

std::string option_text(const std::optional<OptionValue>& value) {
    return value ? format_option_value(*value) : "(none)";
}

// jack-server's own options: the reload applies logging at once (options.hpp
// says which); the others are read once at start-up and need a restart.
// Returns whether one applied at once changed.
bool option_changes(const Config& wanted, Config& running, std::vector<std::string>& out) {
    bool live_changed = false;
    for (const auto& option : own_options()) {
        auto from = option.get(running);
        auto to = option.get(wanted);
        if (from == to)
            continue;
        if (option.reload == Reload::live && to) {
            option.set(running, *to);
            live_changed = true;
        } else {
            out.push_back(
                fmt::format("{} {} → {}", option.key, option_text(from), option_text(to)));
        }
    }
    return live_changed;
}

void set_parameters(const ParameterList& params, const ParameterSettings& settings) {
    for (auto parameter : params) {
        auto setting = settings.find(parameter.name());
        if (setting != settings.end())
            parameter.set_value(setting->second.value);
        else
            parameter.reset();
    }
}

struct SavedValues {
    std::vector<std::pair<Parameter, ParameterValue>> values;
    void restore() const {
        for (auto [parameter, value] : values)
            parameter.set_value(value);
    }
};

SavedValues save(const ParameterList& params) {
    SavedValues saved;
    for (const auto& parameter : params)
        saved.values.emplace_back(parameter, parameter.value());
    return saved;
}

// Switches to wanted's master driver with its parameters, keeping the
// connections of the driver's ports.
void switch_driver(Server& server, const Config& wanted, ReloadResult& result) {
    auto old_driver = server.driver();
    auto old_values = save(old_driver.params());
    auto target = server.get_driver(wanted.driver.name);
    // A card named by identity is found again: it may have another index now.
    // One that matches no card throws here, before JACK closes anything.
    auto resolved = with_devices_resolved(wanted.driver);
    auto connections = detail::DriverConnections::save(server.name());
    try {
        set_parameters(target.params(), resolved.params);
        server.switch_master(target);
    } catch (const Error& e) {
        // JACK has stopped and closed the old driver before opening the new
        // one, and a second switch on that state crashes libjackserver: the
        // engine runs no driver now, and only a restart helps.
        old_values.restore();
        result.error = e.what();
        result.server_lost = true;
        return;
    }
    for (const auto& lost : connections.restore())
        log::warn("reload: connection {} lost with driver '{}'", lost, target.name());
    result.running.driver = wanted.driver;
    result.driver_switched = true;
}

} // namespace

ReloadResult reload(Server& server, const Config& running, const Config& wanted) {
    ReloadResult result;
    result.running = running;
    try {
        auto server_changes = parameter_changes(server.params(), running.server, wanted.server, "");
        result.needs_restart = server_changes;
        plugin_changes(server, running, wanted, result.needs_restart);
        if (option_changes(wanted, result.running, result.needs_restart)) {
            const auto& daemon = result.running.daemon;
            setup_logging(daemon);
            result.applied.push_back(
                fmt::format("logging: level {}, format {}{}", to_string(daemon.log_level),
                            daemon.log_format == LogFormat::json ? "json" : "text",
                            daemon.silent ? ", JACK's errors dropped" : ""));
        }

        // Kept by the patchbay, which takes the new entries at once.
        if (running.connections != wanted.connections) {
            result.running.connections = wanted.connections;
            result.applied.push_back(fmt::format(
                "connect entries: {} → {}", running.connections.size(), wanted.connections.size()));
        }

        // Kept by the extra cards' part, which attaches and detaches them.
        if (running.cards != wanted.cards) {
            result.running.cards = wanted.cards;
            result.applied.push_back(
                fmt::format("cards: {} → {}", running.cards.size(), wanted.cards.size()));
        }

        std::vector<std::string> driver_changes;
        if (running.driver.name != wanted.driver.name)
            driver_changes.push_back(
                fmt::format("driver {} → {}", running.driver.name, wanted.driver.name));
        else
            driver_changes = parameter_changes(server.get_driver(wanted.driver.name).params(),
                                               running.driver.params, wanted.driver.params,
                                               "driver " + wanted.driver.name + ": ");
        if (!driver_changes.empty()) {
            switch_driver(server, wanted, result);
            if (result.error.empty())
                result.applied.insert(result.applied.end(), driver_changes.begin(),
                                      driver_changes.end());
        }
    } catch (const std::exception& e) {
        result.error = e.what();
    }
    return result;
}

ReloadResult reload_from_sources(Server& server, const Config& running,
                                 const std::function<void(Config& wanted)>& before_apply) {
    Config wanted;
    try {
        wanted = running.reread();
    } catch (const ConfigError& e) {
        log::error("reload: {}", e.what());
        if (!e.hint().empty())
            log::error("reload: hint: {}", e.hint());
        log::error("reload: the server keeps running unchanged");
        return ReloadResult{running, {}, {}, false, e.what(), false};
    } catch (const std::exception& e) {
        log::error("reload: {}; the server keeps running unchanged", e.what());
        return ReloadResult{running, {}, {}, false, e.what(), false};
    }
    if (before_apply)
        before_apply(wanted);
    auto result = reload(server, running, wanted);
    for (const auto& item : result.needs_restart)
        log::warn("reload: needs a restart: {}", item);
    if (!result.error.empty())
        log::error("reload: {}", result.error);
    if (result.server_lost)
        log::critical("reload: JACK closed the old driver before refusing the new one; the "
                      "engine runs no driver: exiting with status 75 for a restart");
    for (const auto& item : result.applied)
        log::info("reload: {}", item);
    if (result.applied.empty() && result.error.empty())
        log::info("reload: nothing to change");
    else if (result.error.empty())
        log::info("reloaded: {}", describe(server));
    return result;
}

} // namespace jack_server
