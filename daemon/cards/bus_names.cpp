// SPDX-License-Identifier: GPL-2.0-or-later
#include "cards/bus_names.hpp"

#ifdef JACK_SERVER_HAVE_SYSTEMD
#include <cstdlib>
#include <systemd/sd-bus.h>
#endif

namespace jack_server::detail {

#ifdef JACK_SERVER_HAVE_SYSTEMD

struct BusNames::Bus {
    sd_bus* bus = nullptr;
    ~Bus() { sd_bus_flush_close_unref(bus); }
};

BusNames::BusNames() : bus_(std::make_unique<Bus>()) {
    if (sd_bus_open_user(&bus_->bus) < 0)
        bus_->bus = nullptr;
    else
        sd_bus_set_method_call_timeout(bus_->bus, 1000 * 1000); // 1 s: a question, not a wait
}

BusNames::~BusNames() = default;

bool BusNames::connected() const {
    return bus_->bus != nullptr;
}

std::optional<BusOwner> BusNames::owner(const std::string& name) const {
    if (!connected())
        return std::nullopt;
    sd_bus_creds* creds = nullptr;
    if (sd_bus_get_name_creds(bus_->bus, name.c_str(),
                              SD_BUS_CREDS_UNIQUE_NAME | SD_BUS_CREDS_PID | SD_BUS_CREDS_AUGMENT,
                              &creds) < 0)
        return std::nullopt;
    BusOwner owner;
    const char* unique = nullptr;
    if (sd_bus_creds_get_unique_name(creds, &unique) >= 0 && unique)
        owner.application = unique;
    pid_t pid = 0;
    if (sd_bus_creds_get_pid(creds, &pid) >= 0)
        owner.pid = pid;
    sd_bus_creds_unref(creds);
    return owner;
}

std::optional<BusOwner> BusNames::card_reservation(int card) const {
    auto device = "Audio" + std::to_string(card);
    auto service = "org.freedesktop.ReserveDevice1." + device;
    auto found = owner(service);
    if (!found)
        return std::nullopt;
    char* name = nullptr;
    sd_bus_error error = SD_BUS_ERROR_NULL;
    auto object = "/org/freedesktop/ReserveDevice1/" + device;
    if (sd_bus_get_property_string(bus_->bus, service.c_str(), object.c_str(),
                                   "org.freedesktop.ReserveDevice1", "ApplicationName", &error,
                                   &name) >= 0 &&
        name)
        found->application = name;
    std::free(name);
    sd_bus_error_free(&error);
    return found;
}

#else

struct BusNames::Bus {};

BusNames::BusNames() = default;
BusNames::~BusNames() = default;

bool BusNames::connected() const {
    return false;
}

std::optional<BusOwner> BusNames::owner(const std::string&) const {
    return std::nullopt;
}

std::optional<BusOwner> BusNames::card_reservation(int) const {
    return std::nullopt;
}

#endif

} // namespace jack_server::detail
