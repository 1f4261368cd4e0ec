// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "jack_server/parameter.hpp"
#include "jack_server/sample_rate.hpp"

#include <cstdint>
#include <string>

namespace jack_server {

// A master driver runs the engine's cycle (alsa, dummy, net); a slave driver
// runs inside it (alsarawmidi, loopback).
enum class DriverType { master, slave };

// A view of one of libjackserver's driver plugins, valid as long as its Server.
// The typed accessors throw ParameterError when the driver lacks that parameter
// (the dummy driver has no device and no nperiods).
class Driver {
public:
    std::string name() const;
    DriverType type() const;
    ParameterList params() const;

    std::string device() const;
    void set_device(const std::string& device);
    SampleRate rate() const;
    void set_rate(SampleRate rate);
    std::uint32_t period() const;
    void set_period(std::uint32_t frames);
    std::uint32_t nperiods() const;
    void set_nperiods(std::uint32_t count);

private:
    friend struct JackHandles; // the library's bridge to libjackserver's types
    struct Handle;             // libjackserver's driver, opaque to users
    explicit Driver(Handle* handle) : handle_(handle) {}
    Handle* handle_;
};

std::string_view to_string(DriverType type);

} // namespace jack_server
