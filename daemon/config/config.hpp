// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "jack_server/parameter.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
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
    std::string origin{}; // where it was named: "-d", "studio.toml:12"
};

// A connection the daemon keeps ([[connect]], --connect FROM=TO): output
// ports matching from to input ports matching to (patchbay.hpp says how
// patterns pair). origin: "studio.toml:12", "--connect".
struct ConnectRule {
    std::string from, to, origin;
    bool operator==(const ConnectRule& other) const { return from == other.from && to == other.to; }
};

// An extra card ([[card]], --card NAME=DEVICE): an ALSA device run beside the
// master, resampled to its clock, as the JACK client NAME with ports
// NAME:capture_N and NAME:playback_N. Unset fields take their defaults: both
// directions the card has, all its channels, the engine's period, 2 periods,
// the bridge's own resampling quality. origin: "studio.toml:12", "--card".
struct CardSpec {
    std::string name, device;
    std::optional<bool> capture, playback;
    std::optional<std::uint32_t> channels, period, nperiods, quality;
    std::string origin{};
    bool operator==(const CardSpec& other) const {
        return name == other.name && device == other.device && capture == other.capture &&
               playback == other.playback && channels == other.channels && period == other.period &&
               nperiods == other.nperiods && quality == other.quality;
    }
};

enum class LogLevel { error, warn, info, debug };
enum class LogFormat { text, json };

// jack-server's own options: how the daemon around the engine behaves.
struct DaemonOptions {
    LogLevel log_level = LogLevel::info;
    LogFormat log_format = LogFormat::text;
    // -s: drop JACK's error output, as jackd does.
    bool silent = false;

    // Readiness: a line to this descriptor once ready (--ready-fd); the parent
    // returns once the daemon is ready or has failed (--background); a locked
    // pid file (--pid-file).
    std::optional<int> ready_fd;
    bool background = false;
    std::optional<std::string> pid_file;
    // --unique-name: run under the first "NAME-N" no other server of this
    // user holds (server_registry.hpp); --background prints it after the pid.
    bool unique_name = false;

    // With -- COMMAND: the server and the command in a /dev/shm of their own,
    // in a mount namespace (and a user namespace when not privileged) that no
    // other server or client shares (--private-shm).
    bool private_shm = false;

    // Health: exit 75 when no cycle happens for this long (--stall-timeout;
    // empty: a default derived from the period); retry opening a missing or busy
    // device for this long (--wait-device); exit 1 on a clean stop after more
    // xruns than this (--max-xruns); final figures as JSON (--stats-file).
    std::optional<std::chrono::milliseconds> stall_timeout;
    std::optional<std::chrono::milliseconds> wait_device;
    // A SIGHUP reload (a live driver switch) JACK has not finished after this
    // never will: exit 75 (--reload-timeout; empty: its default, options.cpp).
    std::optional<std::chrono::milliseconds> reload_timeout;
    std::optional<std::uint64_t> max_xruns;
    std::optional<std::string> stats_file;

    // Open cards without asking desktop sound servers for them on the session
    // bus (--no-audio-reservation; JACK_NO_AUDIO_RESERVATION does the same).
    bool no_audio_reservation = false;
    // Do not take logind's delay inhibitor nor move the master to the
    // fallback before a suspend (--no-suspend-watch; see SleepWatch).
    bool no_suspend_watch = false;

    // Own org.jackaudio.service on the session bus and be driven as jackdbus
    // is (--dbus): the server runs from StartServer to StopServer, any number
    // of times, with the parameters set over D-Bus (daemon/dbus/).
    bool dbus = false;

    // When the master device is lost, switch to this driver ("dummy",
    // "alsa:hw:1") instead of exiting 75 (--fallback; see detail::Fallback).
    std::optional<std::string> fallback;
    // On the fallback, the least time between two returns to the card
    // (--card-return-hold; empty: its default, options.cpp).
    std::optional<std::chrono::milliseconds> card_return_hold;
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
    // Kept while the server runs; a reload applies a change at once.
    std::vector<ConnectRule> connections;
    // Extra cards, each a supervised bridge beside the master (parts/extra_cards.hpp).
    std::vector<CardSpec> cards;
    DaemonOptions daemon;
    // `-- COMMAND [ARGS...]`: run under the server, which stops when it exits.
    // The command line's own: no config file key, not printed, not reloaded.
    std::vector<std::string> command;

    // Where the settings that are not parameters came from, by the key a config
    // file uses ("loopback", "session-file", "daemon.log-level"): for the
    // precedence of layers (config_layers.hpp) and for messages.
    std::map<std::string, std::string> origins;

    // Builds this Config again from the same sources (config file, .jackdrc and
    // the command line over them), for a reload on SIGHUP. Empty when the setup
    // came from the command line alone: SIGHUP then stops, as with jackd.
    // Throws ConfigError (and UsageError-like errors as ConfigError).
    std::function<Config()> reread;
};

} // namespace jack_server
