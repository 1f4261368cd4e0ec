// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <systemd/sd-bus.h>

namespace jack_server::detail {

// Answers a method call with a reply that append(reply) fills, and sends it;
// sd-bus's status (negative errno) of the first step that failed.
template <typename Append> int reply_with(sd_bus_message* call, Append append) {
    sd_bus_message* reply = nullptr;
    int status = sd_bus_message_new_method_return(call, &reply);
    if (status >= 0)
        status = append(reply);
    if (status >= 0)
        status = sd_bus_send(nullptr, reply, nullptr);
    sd_bus_message_unref(reply);
    return status;
}

} // namespace jack_server::detail
