// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/config_layers.hpp"

#include "config/options.hpp"

#include <algorithm>
#include <cstdlib>

namespace jack_server {

namespace {

void override_settings(ParameterSettings& lower, const ParameterSettings& upper) {
    for (const auto& [name, setting] : upper)
        lower[name] = setting;
}

void add_plugins(std::vector<PluginConfig>& lower, const std::vector<PluginConfig>& upper) {
    for (const auto& plugin : upper) {
        auto same = std::find_if(lower.begin(), lower.end(),
                                 [&](const PluginConfig& p) { return p.name == plugin.name; });
        if (same == lower.end())
            lower.push_back(plugin);
        else
            override_settings(same->params, plugin.params);
    }
}

} // namespace

void apply_layer(Config& lower, const Config& upper) {
    override_settings(lower.server, upper.server);

    if (!upper.driver.name.empty()) {
        if (upper.driver.name == lower.driver.name) {
            override_settings(lower.driver.params, upper.driver.params);
            lower.driver.origin = upper.driver.origin;
        } else
            lower.driver = upper.driver;
    }
    add_plugins(lower.slaves, upper.slaves);
    add_plugins(lower.internals, upper.internals);
    for (const auto& rule : upper.connections)
        if (std::find(lower.connections.begin(), lower.connections.end(), rule) ==
            lower.connections.end())
            lower.connections.push_back(rule);

    for (const auto& card : upper.cards) {
        auto same = std::find_if(lower.cards.begin(), lower.cards.end(),
                                 [&](const CardSpec& c) { return c.name == card.name; });
        if (same != lower.cards.end())
            *same = card;
        else
            lower.cards.push_back(card);
    }

    // jack-server's own options: those a layer set (every front end records
    // where each came from).
    for (const auto& option : own_options()) {
        std::string key(option.key);
        auto origin = upper.origins.find(key);
        if (origin == upper.origins.end())
            continue;
        if (auto value = option.get(upper))
            option.set(lower, *value);
        lower.origins[key] = origin->second;
    }
}

void apply_environment(Config& config) {
    for (const auto& option : own_options()) {
        if (option.environment.empty() ||
            std::getenv(std::string(option.environment).c_str()) == nullptr)
            continue;
        std::string key(option.key);
        auto origin = config.origins.find(key);
        if (origin != config.origins.end() && origin->second.starts_with("-"))
            continue;
        option.set(config, true);
        config.origins[key] = "environment " + std::string(option.environment);
    }
}

} // namespace jack_server
