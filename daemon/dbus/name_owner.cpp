// SPDX-License-Identifier: GPL-2.0-or-later
#include "dbus/name_owner.hpp"

#include "errors.hpp"

#include <cstring>
#include <fmt/format.h>

namespace jack_server::detail {

namespace {

// "jackdbus (:1.4, pid 1234)", or what is known of it.
std::string describe_owner(sd_bus* bus, const char* name) {
    sd_bus_creds* creds = nullptr;
    if (sd_bus_get_name_creds(bus, name,
                              SD_BUS_CREDS_AUGMENT | SD_BUS_CREDS_UNIQUE_NAME | SD_BUS_CREDS_PID |
                                  SD_BUS_CREDS_COMM,
                              &creds) < 0)
        return "another connection";
    const char* unique = nullptr;
    const char* command = nullptr;
    pid_t pid = 0;
    sd_bus_creds_get_unique_name(creds, &unique);
    sd_bus_creds_get_comm(creds, &command);
    bool has_pid = sd_bus_creds_get_pid(creds, &pid) >= 0;
    auto text = fmt::format("{} ({}{})", command ? command : "a process",
                            unique ? unique : "unknown connection",
                            has_pid ? fmt::format(", pid {}", pid) : std::string());
    sd_bus_creds_unref(creds);
    return text;
}

} // namespace

void own_name(sd_bus* bus, const char* name) {
    int taken = sd_bus_request_name(bus, name, 0);
    if (taken == -EEXIST || taken == -EALREADY)
        throw BusUnavailable(
            fmt::format("--dbus: {} is owned by {} on the session bus", name,
                        describe_owner(bus, name)),
            "stop it (jack_control exit for jackdbus), then start jack-server again");
    if (taken < 0)
        throw BusUnavailable(fmt::format("--dbus: cannot own {} on the session bus: {}", name,
                                         std::strerror(-taken)));
}

} // namespace jack_server::detail
