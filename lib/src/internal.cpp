#include "jack_server/internal.hpp"

#include "jslist.hpp"

#include <jack/control.h>

namespace jack_server {

Internal::Internal(jackctl_internal* handle) : handle_(handle) {}

std::string Internal::name() const {
    return jackctl_internal_get_name(handle_);
}

ParameterList Internal::params() const {
    return detail::parameter_list(jackctl_internal_get_parameters(handle_),
                                  "internal client '" + name() + "'");
}

} // namespace jack_server
