// SPDX-License-Identifier: GPL-2.0-or-later
// org.jackaudio.JackPatchbay, as jackdbus's controller_iface_patchbay.c
// answers it, over the Graph the controller keeps while the server runs.
#include "dbus/controller_state.hpp"
#include "dbus/graph.hpp"
#include "dbus/reply.hpp"

#include <cinttypes>
#include <jack/jack.h>
#include <vector>

namespace jack_server::detail {

namespace {

ControllerState& state_of(void* data) {
    return *static_cast<ControllerState*>(data);
}

int not_started(sd_bus_error* error) {
    return sd_bus_error_set(error, bus_error::server_not_running,
                            "Can't execute this method with stopped JACK server");
}

// The ports of each client in turn, as jackdbus lists them.
template <typename Each> void each_port_by_client(const Graph& graph, Each each) {
    for (const auto& client : graph.clients())
        for (const auto& port : graph.ports())
            if (port.client == &client)
                each(client, port);
}

int get_all_ports(sd_bus_message* call, void* data, sd_bus_error* error) {
    auto& state = state_of(data);
    if (!state.graph)
        return not_started(error);
    std::vector<std::string> names;
    each_port_by_client(*state.graph, [&](const Graph::Client&, const Graph::Port& port) {
        names.push_back(Graph::full_name(port));
    });
    std::vector<const char*> pointers;
    for (const auto& name : names)
        pointers.push_back(name.c_str());
    pointers.push_back(nullptr);
    return reply_with(call, [&](sd_bus_message* reply) {
        return sd_bus_message_append_strv(reply, const_cast<char**>(pointers.data()));
    });
}

int append_clients(sd_bus_message* reply, const Graph& graph) {
    int status = sd_bus_message_open_container(reply, 'a', "(tsa(tsuu))");
    for (const auto& client : graph.clients()) {
        if (status >= 0)
            status = sd_bus_message_open_container(reply, 'r', "tsa(tsuu)");
        if (status >= 0)
            status = sd_bus_message_append(reply, "ts", client.id, client.name.c_str());
        if (status >= 0)
            status = sd_bus_message_open_container(reply, 'a', "(tsuu)");
        for (const auto& port : graph.ports())
            if (status >= 0 && port.client == &client)
                status = sd_bus_message_append(reply, "(tsuu)", port.id, port.name.c_str(),
                                               port.flags, port.type);
        if (status >= 0)
            status = sd_bus_message_close_container(reply);
        if (status >= 0)
            status = sd_bus_message_close_container(reply);
    }
    return status < 0 ? status : sd_bus_message_close_container(reply);
}

int append_connections(sd_bus_message* reply, const Graph& graph) {
    int status = sd_bus_message_open_container(reply, 'a', "(tstststst)");
    for (const auto& c : graph.connections())
        if (status >= 0)
            status = sd_bus_message_append(
                reply, "(tstststst)", c.port1->client->id, c.port1->client->name.c_str(),
                c.port1->id, c.port1->name.c_str(), c.port2->client->id,
                c.port2->client->name.c_str(), c.port2->id, c.port2->name.c_str(), c.id);
    return status < 0 ? status : sd_bus_message_close_container(reply);
}

int get_graph(sd_bus_message* call, void* data, sd_bus_error* error) {
    auto& state = state_of(data);
    if (!state.graph)
        return not_started(error);
    std::uint64_t known = 0;
    if (int read = sd_bus_message_read(call, "t", &known); read < 0)
        return read;
    auto& graph = *state.graph;
    if (known > graph.version())
        return sd_bus_error_setf(error, bus_error::invalid_args,
                                 "known graph version %" PRIu64
                                 " is newer than actual version %" PRIu64,
                                 known, graph.version());
    return reply_with(call, [&](sd_bus_message* reply) {
        int status = sd_bus_message_append(reply, "t", graph.version());
        // Nothing new for a caller that knows this version: empty arrays.
        Graph empty(nullptr);
        const auto& shown = known < graph.version() ? graph : empty;
        if (status >= 0)
            status = append_clients(reply, shown);
        if (status >= 0)
            status = append_connections(reply, shown);
        return status;
    });
}

// jack_connect or jack_disconnect between two ports of the graph.
int join(sd_bus_message* call, ControllerState& state, const Graph::Port& port1,
         const Graph::Port& port2, bool connect, sd_bus_error* error) {
    auto name1 = Graph::full_name(port1);
    auto name2 = Graph::full_name(port2);
    int result = connect ? jack_connect(state.graph_client, name1.c_str(), name2.c_str())
                         : jack_disconnect(state.graph_client, name1.c_str(), name2.c_str());
    if (result != 0)
        return sd_bus_error_setf(error, bus_error::generic, "%s() failed with %d",
                                 connect ? "jack_connect" : "jack_disconnect", result);
    return sd_bus_reply_method_return(call, "");
}

int by_name(sd_bus_message* call, void* data, sd_bus_error* error, bool connect) {
    auto& state = state_of(data);
    if (!state.graph)
        return not_started(error);
    const char *client1 = nullptr, *port1 = nullptr, *client2 = nullptr, *port2 = nullptr;
    if (int read = sd_bus_message_read(call, "ssss", &client1, &port1, &client2, &port2); read < 0)
        return read;
    auto* first = state.graph->find_port(client1, port1);
    if (!first)
        return sd_bus_error_setf(error, bus_error::invalid_args, "cannot find port '%s':'%s'",
                                 client1, port1);
    auto* second = state.graph->find_port(client2, port2);
    if (!second)
        return sd_bus_error_setf(error, bus_error::invalid_args, "cannot find port '%s':'%s'",
                                 client2, port2);
    return join(call, state, *first, *second, connect, error);
}

int by_id(sd_bus_message* call, void* data, sd_bus_error* error, bool connect) {
    auto& state = state_of(data);
    if (!state.graph)
        return not_started(error);
    std::uint64_t id1 = 0, id2 = 0;
    if (int read = sd_bus_message_read(call, "tt", &id1, &id2); read < 0)
        return read;
    auto* first = state.graph->find_port(id1);
    if (!first)
        return sd_bus_error_setf(error, bus_error::invalid_args, "cannot find port %" PRIu64, id1);
    auto* second = state.graph->find_port(id2);
    if (!second)
        return sd_bus_error_setf(error, bus_error::invalid_args, "cannot find port %" PRIu64, id2);
    return join(call, state, *first, *second, connect, error);
}

int connect_by_name(sd_bus_message* call, void* data, sd_bus_error* error) {
    return by_name(call, data, error, true);
}
int connect_by_id(sd_bus_message* call, void* data, sd_bus_error* error) {
    return by_id(call, data, error, true);
}
int disconnect_by_name(sd_bus_message* call, void* data, sd_bus_error* error) {
    return by_name(call, data, error, false);
}
int disconnect_by_id(sd_bus_message* call, void* data, sd_bus_error* error) {
    return by_id(call, data, error, false);
}

int disconnect_by_connection_id(sd_bus_message* call, void* data, sd_bus_error* error) {
    auto& state = state_of(data);
    std::uint64_t id = 0;
    if (int read = sd_bus_message_read(call, "t", &id); read < 0)
        return read;
    auto* connection = state.graph ? state.graph->find_connection(id) : nullptr;
    if (!connection)
        return sd_bus_error_setf(error, bus_error::invalid_args, "cannot find connection %" PRIu64,
                                 id);
    return join(call, state, *connection->port1, *connection->port2, false, error);
}

int get_client_pid(sd_bus_message* call, void* data, sd_bus_error* error) {
    auto& state = state_of(data);
    std::uint64_t id = 0;
    if (int read = sd_bus_message_read(call, "t", &id); read < 0)
        return read;
    auto* client = state.graph ? state.graph->find_client(id) : nullptr;
    if (!client)
        return sd_bus_error_setf(error, bus_error::invalid_args, "cannot find client %" PRIu64, id);
    return sd_bus_reply_method_return(call, "x", client->pid);
}

} // namespace

const sd_bus_vtable patchbay_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD_WITH_NAMES("GetAllPorts", "", , "as", SD_BUS_PARAM(ports_list), get_all_ports, 0),
    SD_BUS_METHOD_WITH_NAMES("GetGraph", "t", SD_BUS_PARAM(known_graph_version),
                             "ta(tsa(tsuu))a(tstststst)",
                             SD_BUS_PARAM(current_graph_version) SD_BUS_PARAM(clients_and_ports)
                                 SD_BUS_PARAM(connections),
                             get_graph, 0),
    SD_BUS_METHOD_WITH_NAMES("ConnectPortsByName", "ssss",
                             SD_BUS_PARAM(client1_name) SD_BUS_PARAM(port1_name)
                                 SD_BUS_PARAM(client2_name) SD_BUS_PARAM(port2_name),
                             "", , connect_by_name, 0),
    SD_BUS_METHOD_WITH_NAMES("ConnectPortsByID", "tt",
                             SD_BUS_PARAM(port1_id) SD_BUS_PARAM(port2_id), "", , connect_by_id, 0),
    SD_BUS_METHOD_WITH_NAMES("DisconnectPortsByName", "ssss",
                             SD_BUS_PARAM(client1_name) SD_BUS_PARAM(port1_name)
                                 SD_BUS_PARAM(client2_name) SD_BUS_PARAM(port2_name),
                             "", , disconnect_by_name, 0),
    SD_BUS_METHOD_WITH_NAMES("DisconnectPortsByID", "tt",
                             SD_BUS_PARAM(port1_id) SD_BUS_PARAM(port2_id), "", , disconnect_by_id,
                             0),
    SD_BUS_METHOD_WITH_NAMES("DisconnectPortsByConnectionID", "t", SD_BUS_PARAM(connection_id), "",
                             , disconnect_by_connection_id, 0),
    SD_BUS_METHOD_WITH_NAMES("GetClientPID", "t", SD_BUS_PARAM(client_id), "x",
                             SD_BUS_PARAM(process_id), get_client_pid, 0),
    SD_BUS_SIGNAL_WITH_NAMES("GraphChanged", "t", SD_BUS_PARAM(new_graph_version), 0),
    SD_BUS_SIGNAL_WITH_NAMES(
        "ClientAppeared", "tts",
        SD_BUS_PARAM(new_graph_version) SD_BUS_PARAM(client_id) SD_BUS_PARAM(client_name), 0),
    SD_BUS_SIGNAL_WITH_NAMES(
        "ClientDisappeared", "tts",
        SD_BUS_PARAM(new_graph_version) SD_BUS_PARAM(client_id) SD_BUS_PARAM(client_name), 0),
    SD_BUS_SIGNAL_WITH_NAMES("PortAppeared", "ttstsuu",
                             SD_BUS_PARAM(new_graph_version) SD_BUS_PARAM(client_id) SD_BUS_PARAM(
                                 client_name) SD_BUS_PARAM(port_id) SD_BUS_PARAM(port_name)
                                 SD_BUS_PARAM(port_flags) SD_BUS_PARAM(port_type),
                             0),
    SD_BUS_SIGNAL_WITH_NAMES("PortDisappeared", "ttsts",
                             SD_BUS_PARAM(new_graph_version) SD_BUS_PARAM(client_id) SD_BUS_PARAM(
                                 client_name) SD_BUS_PARAM(port_id) SD_BUS_PARAM(port_name),
                             0),
    SD_BUS_SIGNAL_WITH_NAMES("PortsConnected", "ttstststst",
                             SD_BUS_PARAM(new_graph_version) SD_BUS_PARAM(client1_id)
                                 SD_BUS_PARAM(client1_name) SD_BUS_PARAM(port1_id)
                                     SD_BUS_PARAM(port1_name) SD_BUS_PARAM(client2_id)
                                         SD_BUS_PARAM(client2_name) SD_BUS_PARAM(port2_id)
                                             SD_BUS_PARAM(port2_name) SD_BUS_PARAM(connection_id),
                             0),
    SD_BUS_SIGNAL_WITH_NAMES("PortsDisconnected", "ttstststst",
                             SD_BUS_PARAM(new_graph_version) SD_BUS_PARAM(client1_id)
                                 SD_BUS_PARAM(client1_name) SD_BUS_PARAM(port1_id)
                                     SD_BUS_PARAM(port1_name) SD_BUS_PARAM(client2_id)
                                         SD_BUS_PARAM(client2_name) SD_BUS_PARAM(port2_id)
                                             SD_BUS_PARAM(port2_name) SD_BUS_PARAM(connection_id),
                             0),
    // As jackdbus declares it; it sends client_id, client_name, port_id
    // (graph.cpp), and so does jack-server.
    SD_BUS_SIGNAL_WITH_NAMES("PortRenamed", "tttsss",
                             SD_BUS_PARAM(new_graph_version) SD_BUS_PARAM(port_id)
                                 SD_BUS_PARAM(client_id) SD_BUS_PARAM(client_name)
                                     SD_BUS_PARAM(port_old_name) SD_BUS_PARAM(port_new_name),
                             0),
    SD_BUS_VTABLE_END};

} // namespace jack_server::detail
