// SPDX-License-Identifier: GPL-2.0-or-later
#include "jack_server/internal_client.hpp"

#include "jack_handles.hpp"

#include <jack/control.h>

namespace jack_server {

std::string InternalClient::name() const {
    return jackctl_internal_get_name(JackHandles::of(*this));
}

ParameterList InternalClient::params() const {
    return JackHandles::parameters(jackctl_internal_get_parameters(JackHandles::of(*this)),
                                   "internal client '" + name() + "'");
}

} // namespace jack_server
