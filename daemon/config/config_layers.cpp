#include "config/config_layers.hpp"

#include <algorithm>

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

// The command line fills DaemonOptions without always saying so in origins, so
// a value other than the default counts as set too.
template <typename T>
void override_field(Config& lower, const Config& upper, const std::string& key,
                    T DaemonOptions::*field) {
    static const DaemonOptions defaults;
    bool named = upper.origins.contains(key);
    if (!named && upper.daemon.*field == defaults.*field)
        return;
    lower.daemon.*field = upper.daemon.*field;
    if (named)
        lower.origins[key] = upper.origins.at(key);
    else
        lower.origins.erase(key);
}

} // namespace

void apply_layer(Config& lower, const Config& upper) {
    override_settings(lower.server, upper.server);

    if (!upper.driver.name.empty()) {
        if (upper.driver.name == lower.driver.name)
            override_settings(lower.driver.params, upper.driver.params);
        else
            lower.driver = upper.driver;
    }
    add_plugins(lower.slaves, upper.slaves);
    add_plugins(lower.internals, upper.internals);

    if (upper.origins.contains("loopback") || upper.loopback_ports != 0) {
        lower.loopback_ports = upper.loopback_ports;
        lower.origins["loopback"] =
            upper.origins.contains("loopback") ? upper.origins.at("loopback") : "";
    }
    if (upper.session_file) {
        lower.session_file = upper.session_file;
        lower.origins["session-file"] =
            upper.origins.contains("session-file") ? upper.origins.at("session-file") : "";
    }

    override_field(lower, upper, "daemon.log-level", &DaemonOptions::log_level);
    override_field(lower, upper, "daemon.log-format", &DaemonOptions::log_format);
    override_field(lower, upper, "daemon.silent", &DaemonOptions::silent);
    override_field(lower, upper, "daemon.ready-fd", &DaemonOptions::ready_fd);
    override_field(lower, upper, "daemon.background", &DaemonOptions::background);
    override_field(lower, upper, "daemon.pid-file", &DaemonOptions::pid_file);
    override_field(lower, upper, "daemon.stall-timeout", &DaemonOptions::stall_timeout);
    override_field(lower, upper, "daemon.wait-device", &DaemonOptions::wait_device);
    override_field(lower, upper, "daemon.max-xruns", &DaemonOptions::max_xruns);
    override_field(lower, upper, "daemon.stats-file", &DaemonOptions::stats_file);
}

} // namespace jack_server
