#pragma once

#include "jack_server/parameter.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jack_server {

// One parameter value and where it came from, for messages and --print-config:
// "-r/--rate", "studio.toml:12".
struct Setting {
    ParameterValue value;
    std::string origin;
};

// Parameter values by libjackserver's parameter name ("realtime-priority", "period").
using ParameterSettings = std::map<std::string, Setting>;

// A driver or internal client by plugin name, with the parameters set for it.
struct PluginConfig {
    std::string name;
    ParameterSettings params;
};

enum class LogLevel { error, warn, info, debug };

// jack-server's own options: how the daemon around the engine behaves.
struct DaemonOptions {
    LogLevel log_level = LogLevel::info;
    // -s: drop JACK's error output, as jackd does.
    bool silent = false;
};

// The whole desired setup as a value. The command line (and later config files)
// produce one; the daemon consumes it. Settings hold values already checked
// against libjackserver's parameter metadata.
struct Config {
    ParameterSettings server;
    PluginConfig driver;
    std::vector<PluginConfig> slaves;
    std::vector<PluginConfig> internals;
    std::uint32_t loopback_ports = 0;
    std::optional<std::string> session_file;
    DaemonOptions daemon;
};

} // namespace jack_server
