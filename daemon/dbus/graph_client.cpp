// SPDX-License-Identifier: GPL-2.0-or-later
#include "dbus/graph_client.hpp"

#include "engine/own_client.hpp"
#include "os/event_loop.hpp"

#include <jack/jack.h>
#include <utility>

namespace jack_server::detail {

namespace {

GraphClient& of(void* self) {
    return *static_cast<GraphClient*>(self);
}

GraphEvent port_event(jack_client_t* client, jack_port_id_t id, GraphEvent::Kind kind) {
    auto* port = jack_port_by_id(client, id);
    if (port == nullptr)
        return {kind, {}, {}, 0, 0};
    return {kind,
            jack_port_name(port),
            {},
            static_cast<std::uint32_t>(jack_port_flags(port)),
            jack_port_type_id(port)};
}

} // namespace

GraphClient::GraphClient(const std::string& server_name, EventLoop& loop) : loop_(loop) {
    client_ = open_own_client(server_name, "jack-server-dbus", "D-Bus patchbay");
    jack_set_client_registration_callback(client_, &GraphClient::on_client, this);
    jack_set_port_registration_callback(client_, &GraphClient::on_port, this);
    jack_set_port_connect_callback(client_, &GraphClient::on_connect, this);
    jack_set_port_rename_callback(client_, &GraphClient::on_rename, this);
    activate_own_client(client_, server_name, "D-Bus patchbay");
}

GraphClient::~GraphClient() {
    jack_deactivate(client_);
    jack_client_close(client_);
}

void GraphClient::push(GraphEvent event) {
    if (event.name.empty())
        return;
    {
        std::lock_guard lock(mutex_);
        events_.push_back(std::move(event));
    }
    loop_.wake();
}

std::vector<GraphEvent> GraphClient::take() {
    std::lock_guard lock(mutex_);
    return std::exchange(events_, {});
}

std::vector<GraphEvent> GraphClient::ports() const {
    std::vector<GraphEvent> ports;
    const char** names = jack_get_ports(client_, nullptr, nullptr, 0);
    for (auto** name = names; name && *name; ++name) {
        auto* port = jack_port_by_name(client_, *name);
        if (port)
            ports.push_back({GraphEvent::Kind::port_added,
                             *name,
                             {},
                             static_cast<std::uint32_t>(jack_port_flags(port)),
                             jack_port_type_id(port)});
    }
    jack_free(names);
    return ports;
}

void GraphClient::on_client(const char* name, int registered, void* self) {
    of(self).push({registered ? GraphEvent::Kind::client_added : GraphEvent::Kind::client_removed,
                   name,
                   {},
                   0,
                   0});
}

void GraphClient::on_port(jack_port_id_t port, int registered, void* self) {
    auto& graph = of(self);
    graph.push(
        port_event(graph.client_, port,
                   registered ? GraphEvent::Kind::port_added : GraphEvent::Kind::port_removed));
}

void GraphClient::on_connect(jack_port_id_t a, jack_port_id_t b, int connected, void* self) {
    auto& graph = of(self);
    auto* port1 = jack_port_by_id(graph.client_, a);
    auto* port2 = jack_port_by_id(graph.client_, b);
    if (!port1 || !port2)
        return;
    graph.push({connected ? GraphEvent::Kind::connected : GraphEvent::Kind::disconnected,
                jack_port_name(port1), jack_port_name(port2), 0, 0});
}

void GraphClient::on_rename(jack_port_id_t, const char* old_name, const char* new_name,
                            void* self) {
    of(self).push({GraphEvent::Kind::port_renamed, old_name, new_name, 0, 0});
}

} // namespace jack_server::detail
