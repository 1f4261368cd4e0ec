// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "dbus/graph.hpp"

#include <jack/types.h>
#include <mutex>
#include <string>
#include <vector>

namespace jack_server::detail {

class EventLoop;

// The JackPatchbay's own client of a running server (jackdbus's "dbusapi"):
// JACK's notification thread tells it of clients, ports, connections and
// renames; it keeps each as a GraphEvent, with the names it has then, and
// wakes the event loop, whose thread takes them (take()) and applies them to
// the Graph. Named jack-server-dbus: -T does not count it, and, opened after
// the monitor, it sees no other of the daemon's clients.
class GraphClient {
public:
    // Opens and activates it. Throws ServerNotStartedError.
    GraphClient(const std::string& server_name, EventLoop& loop);
    // Closes it: before the server stops.
    ~GraphClient();
    GraphClient(const GraphClient&) = delete;
    GraphClient& operator=(const GraphClient&) = delete;

    // The events since the last call, in JACK's order.
    std::vector<GraphEvent> take();
    // The ports JACK has now, as new ports (jackdbus's catch-up).
    std::vector<GraphEvent> ports() const;
    jack_client_t* client() const { return client_; }

private:
    static void on_client(const char* name, int registered, void* self);
    static void on_port(jack_port_id_t port, int registered, void* self);
    static void on_connect(jack_port_id_t a, jack_port_id_t b, int connected, void* self);
    static void on_rename(jack_port_id_t port, const char* old_name, const char* new_name,
                          void* self);
    void push(GraphEvent event);

    EventLoop& loop_;
    jack_client_t* client_ = nullptr;
    std::mutex mutex_;
    std::vector<GraphEvent> events_;
};

} // namespace jack_server::detail
