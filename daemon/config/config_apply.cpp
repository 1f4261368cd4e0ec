// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/config_apply.hpp"

#include "jack_server/error.hpp"
#include "jack_server/parameter_text.hpp"

#include <fmt/format.h>

namespace jack_server {

namespace {

void set_all(const ParameterList& params, const ParameterSettings& settings) {
    for (const auto& [name, setting] : settings) {
        auto parameter = params.at(name);
        parameter.set_value(parameter.validated(setting.value, setting.origin));
    }
}

template <typename Load> void load_or_fail(Load load) {
    try {
        load();
    } catch (const ServerNotOpenedError&) {
        throw;
    } catch (const Error& e) {
        throw ServerNotStartedError(e.what());
    }
}

// The value of the first of these parameters the driver has, as text.
std::optional<std::string> first_value(const ParameterList& params,
                                       std::initializer_list<std::string_view> names) {
    for (auto name : names)
        if (auto parameter = params.find(name))
            return format_value(parameter->value());
    return std::nullopt;
}

// The alsa driver (and audioadapter) take a capture or playback device of its
// own in -C NAME / -P NAME, which then wins over --device for that direction.
std::string separate_devices(const ParameterList& params) {
    std::string text;
    for (std::string_view direction : {"capture", "playback"}) {
        auto parameter = params.find(direction);
        if (!parameter || parameter->type() != ParameterType::string || !parameter->is_set())
            continue;
        auto device = format_value(parameter->value());
        if (device != "none")
            text += fmt::format(", {} device {}", direction, device);
    }
    return text;
}

} // namespace

void apply_parameters(Server& server, const Config& config) {
    set_all(server.params(), config.server);
    server.select_driver(config.driver.name);
    set_all(server.driver().params(), config.driver.params);
    for (const auto& slave : config.slaves)
        set_all(server.get_driver(slave.name).params(), slave.params);
    for (const auto& internal : config.internals)
        set_all(server.get_internal_client(internal.name).params(), internal.params);
}

void add_slaves(Server& server, const Config& config) {
    for (const auto& slave : config.slaves)
        load_or_fail([&] { server.add_slave(server.get_driver(slave.name)); });
    if (config.loopback_ports > 0)
        load_or_fail([&] { server.add_loopback(config.loopback_ports); });
}

void load_internals(Server& server, const Config& config) {
    for (const auto& internal : config.internals)
        load_or_fail(
            [&] { server.load_internal_client(server.get_internal_client(internal.name)); });
    if (config.session_file)
        load_or_fail([&] { server.load_session_file(*config.session_file); });
}

std::optional<std::string> device_opened(const Server& server) {
    std::optional<std::string> device, playback, capture;
    for (const auto& parameter : server.driver().params()) {
        if (parameter.name() == "device")
            device = format_value(parameter.value());
        else if (parameter.name() == "playback" && parameter.is_set())
            playback = format_value(parameter.value());
        else if (parameter.name() == "capture" && parameter.is_set())
            capture = format_value(parameter.value());
    }
    if (playback && capture && *playback != *capture)
        return "capture " + *capture + ", playback " + *playback;
    if (playback || capture)
        return playback ? playback : capture;
    return device;
}

std::string describe(const Server& server, const std::optional<std::string>& realtime_shortfall) {
    auto driver = server.driver();
    auto params = driver.params();
    std::string text = fmt::format("server '{}': driver {}", server.name(), driver.name());
    if (auto device = first_value(params, {"device"}))
        text += fmt::format(", device {}", *device);
    text += separate_devices(params);
    if (auto rate = first_value(params, {"rate"}))
        text += fmt::format(", rate {} Hz", *rate);
    if (auto period = first_value(params, {"period", "periodsize"}))
        text += fmt::format(", period {} frames", *period);
    if (auto nperiods = first_value(params, {"nperiods", "num-periods"}))
        text += fmt::format(", nperiods {}", *nperiods);
    if (server.realtime() && realtime_shortfall)
        text += ", " + *realtime_shortfall;
    else if (server.realtime())
        text += fmt::format(", realtime (priority {})",
                            format_value(server.params().at("realtime-priority").value()));
    else
        text += ", not realtime";
    return text;
}

} // namespace jack_server
