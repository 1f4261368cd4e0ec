// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "jack_server/server.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace jack_server {

// What libjackserver offers: its drivers, internal clients and the metadata of
// every parameter (type, default, range, choices), read from a Server that
// need not be open. The readers check values against it; --help and --list
// show it. A view: the Server must outlive it.
class Catalog {
public:
    // Implicit, as std::string_view is from a string: any Server can answer.
    Catalog(const Server& server) : server_(&server) {} // NOLINT(google-explicit-constructor)

    ParameterList params() const { return server_->params(); }
    std::vector<Driver> drivers() const { return server_->drivers(); }
    std::vector<InternalClient> internal_clients() const { return server_->internal_clients(); }
    // Throws DriverNotFoundError.
    Driver get_driver(std::string_view name) const { return server_->get_driver(name); }
    // Throws Error naming the unknown internal client.
    InternalClient get_internal_client(std::string_view name) const {
        return server_->get_internal_client(name);
    }

    // Sorted names, for help texts, hints and completions.
    std::vector<std::string> driver_names(DriverType type) const;
    std::vector<std::string> internal_client_names() const;

private:
    const Server* server_;
};

} // namespace jack_server
