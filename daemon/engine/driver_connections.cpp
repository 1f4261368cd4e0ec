// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/driver_connections.hpp"

#include <cerrno>
#include <fmt/format.h>
#include <jack/jack.h>
#include <memory>

namespace jack_server::detail {

namespace {

struct CloseClient {
    void operator()(jack_client_t* client) const noexcept { jack_client_close(client); }
};
using Client = std::unique_ptr<jack_client_t, CloseClient>;

// libjackserver's jack_client_open makes a client inside this process's server.
Client open_client(const std::string& server_name) {
    jack_status_t status{};
    auto options =
        static_cast<jack_options_t>(JackNoStartServer | JackServerName | JackUseExactName);
    return Client(jack_client_open("jack-server-reload", options, &status, server_name.c_str()));
}

struct FreePorts {
    void operator()(const char** ports) const noexcept { jack_free(ports); }
};
using Ports = std::unique_ptr<const char*, FreePorts>;

} // namespace

DriverConnections DriverConnections::save(const std::string& server_name) {
    auto client = open_client(server_name);
    if (!client) {
        DriverConnections none;
        none.server_name_ = server_name;
        return none;
    }
    return save(server_name, client.get());
}

DriverConnections DriverConnections::save(const std::string& server_name, jack_client_t* client) {
    DriverConnections saved;
    saved.server_name_ = server_name;
    Ports ports(jack_get_ports(client, "^system:", nullptr, 0));
    for (auto** name = ports.get(); name && *name; ++name) {
        auto* port = jack_port_by_name(client, *name);
        if (port == nullptr)
            continue;
        bool output = (jack_port_flags(port) & JackPortIsOutput) != 0;
        Ports others(jack_port_get_all_connections(client, port));
        for (auto** other = others.get(); other && *other; ++other) {
            if (output)
                saved.connections_.emplace_back(*name, *other);
            else
                saved.connections_.emplace_back(*other, *name);
        }
    }
    return saved;
}

std::vector<std::string> DriverConnections::restore() const {
    std::vector<std::string> lost;
    if (connections_.empty())
        return lost;
    auto client = open_client(server_name_);
    for (const auto& [source, destination] : connections_) {
        int result = client ? jack_connect(client.get(), source.c_str(), destination.c_str()) : -1;
        if (result != 0 && result != EEXIST)
            lost.push_back(fmt::format("{} → {}", source, destination));
    }
    return lost;
}

} // namespace jack_server::detail
