// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <systemd/sd-bus.h>

namespace jack_server::detail {

// One change JACK told the patchbay's client of, with the names read in
// JACK's notification thread (the port may be gone when it is applied).
struct GraphEvent {
    enum class Kind {
        client_added,
        client_removed,
        port_added,
        port_removed,
        connected,
        disconnected,
        port_renamed
    };
    Kind kind;
    std::string name;  // the client, or the port's full name ("client:port")
    std::string other; // the second port's full name, or the new name
    std::uint32_t flags = 0, type = 0;
};

// JackPatchbay's model of the graph, as jackdbus keeps it
// (controller_iface_patchbay.c): clients, ports and connections with ids
// counted from 1, and a version that each change increments, announced by
// its signal (ClientAppeared, PortAppeared, PortsConnected...) and then
// GraphChanged. Main thread only; the signals go out on bus.
class Graph {
public:
    struct Client {
        std::uint64_t id;
        std::string name;
        std::int64_t pid;
    };
    struct Port {
        std::uint64_t id;
        std::string name; // without the client's
        std::uint32_t flags, type;
        Client* client;
    };
    struct Connection {
        std::uint64_t id;
        Port *port1, *port2;
    };

    explicit Graph(sd_bus* bus) : bus_(bus) {}

    void apply(const GraphEvent& event);
    // The ports JACK already had when the patchbay's client came (jackdbus's
    // first graph-order callback).
    void catch_up(const std::string& full_name, std::uint32_t flags, std::uint32_t type);
    // After the catch-up: an empty graph still moves to version 2, as jackdbus.
    void caught_up();
    // The server stops: every port goes, then every client, each announced.
    void clear();

    std::uint64_t version() const { return version_; }
    const std::list<Client>& clients() const { return clients_; }
    const std::list<Port>& ports() const { return ports_; }
    const std::list<Connection>& connections() const { return connections_; }

    Client* find_client(const std::string& name);
    Client* find_client(std::uint64_t id);
    Port* find_port(const std::string& client, const std::string& port);
    Port* find_port(const std::string& full_name);
    Port* find_port(std::uint64_t id);
    Connection* find_connection(std::uint64_t id);
    static std::string full_name(const Port& port);

private:
    Client& add_client(const std::string& name);
    void remove_client(Client& client);
    void add_port(const std::string& full_name, std::uint32_t flags, std::uint32_t type);
    void remove_port(Port& port);
    void connect(Port& port1, Port& port2);
    void disconnect(Connection& connection);
    void rename(const std::string& old_name, const std::string& new_name);
    Connection* find_connection(const Port& port1, const Port& port2);
    // Increments the version and emits member's signal (the version, then
    // args of types), then GraphChanged.
    template <typename... Args> void changed(const char* member, const char* types, Args... args);

    sd_bus* bus_;
    std::uint64_t version_ = 1;
    std::uint64_t next_client_ = 1, next_port_ = 1, next_connection_ = 1;
    std::list<Client> clients_;
    std::list<Port> ports_;
    std::list<Connection> connections_;
};

} // namespace jack_server::detail
