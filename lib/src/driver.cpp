// SPDX-License-Identifier: GPL-2.0-or-later
#include "jack_server/driver.hpp"

#include "jack_handles.hpp"

#include <jack/control.h>

namespace jack_server {

namespace {

// Drivers name the same idea differently; the first name the driver has wins.
Parameter find_any(const Driver& driver, std::initializer_list<std::string_view> names) {
    auto params = driver.params();
    for (auto name : names)
        if (auto found = params.find(name))
            return *found;
    return params.at(*names.begin()); // throws, naming the usual name
}

} // namespace

std::string Driver::name() const {
    return jackctl_driver_get_name(JackHandles::of(*this));
}

DriverType Driver::type() const {
    return jackctl_driver_get_type(JackHandles::of(*this)) == JackMaster ? DriverType::master
                                                                         : DriverType::slave;
}

ParameterList Driver::params() const {
    return JackHandles::parameters(jackctl_driver_get_parameters(JackHandles::of(*this)),
                                   "driver '" + name() + "'");
}

std::string Driver::device() const {
    return std::get<std::string>(params().at("device").value());
}

void Driver::set_device(const std::string& device) {
    params().at("device").set_value(device);
}

SampleRate Driver::rate() const {
    return SampleRate{std::get<std::uint32_t>(params().at("rate").value())};
}

void Driver::set_rate(SampleRate rate) {
    params().at("rate").set_value(hz(rate));
}

std::uint32_t Driver::period() const {
    return std::get<std::uint32_t>(find_any(*this, {"period", "periodsize"}).value());
}

void Driver::set_period(std::uint32_t frames) {
    find_any(*this, {"period", "periodsize"}).set_value(frames);
}

std::uint32_t Driver::nperiods() const {
    return std::get<std::uint32_t>(find_any(*this, {"nperiods", "num-periods"}).value());
}

void Driver::set_nperiods(std::uint32_t count) {
    find_any(*this, {"nperiods", "num-periods"}).set_value(count);
}

std::string_view to_string(DriverType type) {
    return type == DriverType::master ? "master" : "slave";
}

} // namespace jack_server
