#pragma once

#include "jack_server/parameter.hpp"

#include <string>

struct jackctl_internal;

namespace jack_server {

// A view of one of libjackserver's internal-client plugins (netmanager,
// audioadapter, profiler, ...), valid as long as its Server.
class Internal {
public:
    explicit Internal(jackctl_internal* handle);

    std::string name() const;
    ParameterList params() const;

    jackctl_internal* handle() const { return handle_; }

private:
    jackctl_internal* handle_;
};

} // namespace jack_server
