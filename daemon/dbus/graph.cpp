// SPDX-License-Identifier: GPL-2.0-or-later
#include "dbus/graph.hpp"

#include "dbus/controller_state.hpp"
#include "log.hpp"

#include <algorithm>
#include <jack/jack.h>

namespace jack_server::detail {

namespace {

// "client:port" split at the first colon, as jackdbus splits it.
std::optional<std::pair<std::string, std::string>> split(const std::string& full_name) {
    auto colon = full_name.find(':');
    if (colon == std::string::npos)
        return std::nullopt;
    return std::pair(full_name.substr(0, colon), full_name.substr(colon + 1));
}

} // namespace

template <typename... Args>
void Graph::changed(const char* member, const char* types, Args... args) {
    ++version_;
    auto signature = std::string("t") + types;
    sd_bus_emit_signal(bus_, controller_object, patchbay_interface, member, signature.c_str(),
                       version_, args...);
    sd_bus_emit_signal(bus_, controller_object, patchbay_interface, "GraphChanged", "t", version_);
}

std::string Graph::full_name(const Port& port) {
    return port.client->name + ":" + port.name;
}

Graph::Client* Graph::find_client(const std::string& name) {
    auto found = std::find_if(clients_.begin(), clients_.end(),
                              [&](const Client& client) { return client.name == name; });
    return found == clients_.end() ? nullptr : &*found;
}

Graph::Client* Graph::find_client(std::uint64_t id) {
    auto found = std::find_if(clients_.begin(), clients_.end(),
                              [&](const Client& client) { return client.id == id; });
    return found == clients_.end() ? nullptr : &*found;
}

Graph::Port* Graph::find_port(const std::string& client, const std::string& port) {
    auto found = std::find_if(ports_.begin(), ports_.end(), [&](const Port& each) {
        return each.client->name == client && each.name == port;
    });
    return found == ports_.end() ? nullptr : &*found;
}

Graph::Port* Graph::find_port(const std::string& full_name) {
    auto names = split(full_name);
    return names ? find_port(names->first, names->second) : nullptr;
}

Graph::Port* Graph::find_port(std::uint64_t id) {
    auto found =
        std::find_if(ports_.begin(), ports_.end(), [&](const Port& port) { return port.id == id; });
    return found == ports_.end() ? nullptr : &*found;
}

Graph::Connection* Graph::find_connection(std::uint64_t id) {
    auto found = std::find_if(connections_.begin(), connections_.end(),
                              [&](const Connection& connection) { return connection.id == id; });
    return found == connections_.end() ? nullptr : &*found;
}

Graph::Connection* Graph::find_connection(const Port& port1, const Port& port2) {
    auto found = std::find_if(connections_.begin(), connections_.end(), [&](const Connection& c) {
        return (c.port1 == &port1 && c.port2 == &port2) || (c.port1 == &port2 && c.port2 == &port1);
    });
    return found == connections_.end() ? nullptr : &*found;
}

Graph::Client& Graph::add_client(const std::string& name) {
    auto& client =
        clients_.emplace_back(Client{next_client_++, name, jack_get_client_pid(name.c_str())});
    log::debug("patchbay: client '{}' (pid {})", client.name, client.pid);
    changed("ClientAppeared", "ts", client.id, client.name.c_str());
    return client;
}

void Graph::remove_client(Client& client) {
    auto id = client.id;
    auto name = client.name;
    clients_.remove_if([&](const Client& each) { return &each == &client; });
    changed("ClientDisappeared", "ts", id, name.c_str());
}

void Graph::add_port(const std::string& full_name, std::uint32_t flags, std::uint32_t type) {
    auto names = split(full_name);
    // jackdbus would add a port JACK announces twice twice; once is enough.
    if (!names || find_port(names->first, names->second))
        return;
    auto* client = find_client(names->first);
    if (!client)
        client = &add_client(names->first);
    auto& port = ports_.emplace_back(Port{next_port_++, names->second, flags, type, client});
    changed("PortAppeared", "tstsuu", client->id, client->name.c_str(), port.id, port.name.c_str(),
            port.flags, port.type);
}

void Graph::remove_port(Port& port) {
    // JACK announces the end of a port's connections before the port's own;
    // a connection left would point at nothing.
    connections_.remove_if(
        [&](const Connection& c) { return c.port1 == &port || c.port2 == &port; });
    auto client_id = port.client->id;
    auto client_name = port.client->name;
    auto id = port.id;
    auto name = port.name;
    ports_.remove_if([&](const Port& each) { return &each == &port; });
    changed("PortDisappeared", "tsts", client_id, client_name.c_str(), id, name.c_str());
}

void Graph::connect(Port& port1, Port& port2) {
    if (find_connection(port1, port2))
        return;
    auto& connection = connections_.emplace_back(Connection{next_connection_++, &port1, &port2});
    changed("PortsConnected", "tstststst", port1.client->id, port1.client->name.c_str(), port1.id,
            port1.name.c_str(), port2.client->id, port2.client->name.c_str(), port2.id,
            port2.name.c_str(), connection.id);
}

void Graph::disconnect(Connection& connection) {
    auto c = connection;
    connections_.remove_if([&](const Connection& each) { return &each == &connection; });
    changed("PortsDisconnected", "tstststst", c.port1->client->id, c.port1->client->name.c_str(),
            c.port1->id, c.port1->name.c_str(), c.port2->client->id, c.port2->client->name.c_str(),
            c.port2->id, c.port2->name.c_str(), c.id);
}

void Graph::rename(const std::string& old_name, const std::string& new_name) {
    auto* port = find_port(old_name);
    auto names = split(new_name);
    auto old_names = split(old_name);
    if (!port || !names || !old_names)
        return;
    port->name = names->second;
    // In the order jackdbus sends them (client, then port), which is not the
    // order its introspection declares (port_id first).
    changed("PortRenamed", "tstss", port->client->id, port->client->name.c_str(), port->id,
            old_names->second.c_str(), port->name.c_str());
}

void Graph::apply(const GraphEvent& event) {
    using Kind = GraphEvent::Kind;
    switch (event.kind) {
    case Kind::client_added:
        add_client(event.name);
        break;
    case Kind::client_removed:
        if (auto* client = find_client(event.name))
            remove_client(*client);
        break;
    case Kind::port_added:
        add_port(event.name, event.flags, event.type);
        break;
    case Kind::port_removed:
        if (auto* port = find_port(event.name))
            remove_port(*port);
        break;
    case Kind::connected:
    case Kind::disconnected: {
        auto* port1 = find_port(event.name);
        auto* port2 = find_port(event.other);
        if (!port1 || !port2)
            break;
        if (event.kind == Kind::connected)
            connect(*port1, *port2);
        else if (auto* connection = find_connection(*port1, *port2))
            disconnect(*connection);
        break;
    }
    case Kind::port_renamed:
        rename(event.name, event.other);
        break;
    }
}

void Graph::catch_up(const std::string& full_name, std::uint32_t flags, std::uint32_t type) {
    add_port(full_name, flags, type);
}

void Graph::caught_up() {
    if (version_ == 1)
        ++version_;
}

void Graph::clear() {
    while (!ports_.empty())
        remove_port(ports_.front());
    while (!clients_.empty())
        remove_client(clients_.front());
}

} // namespace jack_server::detail
