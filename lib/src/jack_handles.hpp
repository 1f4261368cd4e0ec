// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "jack_server/driver.hpp"
#include "jack_server/internal_client.hpp"
#include "jack_server/parameter.hpp"
#include "jack_server/server.hpp"

#include <jack/control.h>
#include <jack/jslist.h>
#include <string>
#include <vector>

namespace jack_server {

// The one place that turns the public classes' opaque handles into
// libjackserver's types and back: the public headers name no jackctl type, so
// an embedder's build needs no JACK headers.
struct JackHandles {
    static jackctl_server* of(const Server& server) {
        return reinterpret_cast<jackctl_server*>(server.handle_.get());
    }
    static jackctl_driver* of(const Driver& driver) {
        return reinterpret_cast<jackctl_driver*>(driver.handle_);
    }
    static jackctl_internal* of(const InternalClient& client) {
        return reinterpret_cast<jackctl_internal*>(client.handle_);
    }
    static jackctl_parameter* of(const Parameter& parameter) {
        return reinterpret_cast<jackctl_parameter*>(parameter.handle_);
    }

    static Server::Handle* server(jackctl_server* server) {
        return reinterpret_cast<Server::Handle*>(server);
    }
    static Driver driver(void* driver) { return Driver(static_cast<Driver::Handle*>(driver)); }
    static InternalClient internal_client(void* client) {
        return InternalClient(static_cast<InternalClient::Handle*>(client));
    }

    // The parameters of one of jackctl's lists; owner as in ParameterList.
    static ParameterList parameters(const JSList* list, const std::string& owner) {
        std::vector<Parameter> parameters;
        for (; list != nullptr; list = list->next)
            parameters.push_back(Parameter(static_cast<Parameter::Handle*>(list->data), owner));
        return ParameterList(owner, std::move(parameters));
    }
};

} // namespace jack_server
