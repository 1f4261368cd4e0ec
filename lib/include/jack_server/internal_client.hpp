// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "jack_server/parameter.hpp"

#include <string>

namespace jack_server {

// A view of one of libjackserver's internal-client plugins (netmanager,
// audioadapter, profiler, ...), valid as long as its Server.
class InternalClient {
public:
    std::string name() const;
    ParameterList params() const;

private:
    friend struct JackHandles; // the library's bridge to libjackserver's types
    struct Handle;             // libjackserver's internal client, opaque to users
    explicit InternalClient(Handle* handle) : handle_(handle) {}
    Handle* handle_;
};

} // namespace jack_server
