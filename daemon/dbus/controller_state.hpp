// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "dbus/parameter_tree.hpp"

#include <cstdint>
#include <functional>
#include <jack/types.h>
#include <systemd/sd-bus.h>

namespace jack_server {
class Server;
}

namespace jack_server::detail {

class Graph;
class Monitor;

inline constexpr const char* controller_object = "/org/jackaudio/Controller";
inline constexpr const char* control_interface = "org.jackaudio.JackControl";
inline constexpr const char* configure_interface = "org.jackaudio.Configure";
inline constexpr const char* patchbay_interface = "org.jackaudio.JackPatchbay";

// jackdbus's error names (its jackdbus.h), which clients match.
namespace bus_error {
inline constexpr const char* server_not_running = "org.jackaudio.Error.ServerNotRunning";
inline constexpr const char* server_running = "org.jackaudio.Error.ServerRunning";
inline constexpr const char* invalid_args = "org.jackaudio.Error.InvalidArgs";
inline constexpr const char* generic = "org.jackaudio.Error.Generic";
} // namespace bus_error

// What the D-Bus interfaces share, on the main thread only: the Configure
// tree over the process's Server, the run's monitor while the server runs,
// and the calls that wait for the controller to start or stop a run (their
// replies come once the run serves clients, or has stopped).
struct ControllerState {
    explicit ControllerState(Server& server) : server(server), tree(server, selection) {}

    Server& server;
    TreeSelection selection;
    ParameterTree tree;
    sd_bus* bus = nullptr;
    Monitor* monitor = nullptr; // set while a run serves clients
    // JackPatchbay's graph and its client, while a run serves clients.
    Graph* graph = nullptr;
    jack_client_t* graph_client = nullptr;
    std::uint64_t xruns_base = 0, xruns_after_stop = 0;

    // A StartServer or StopServer whose reply waits (a reference held).
    sd_bus_message* start_call = nullptr;
    sd_bus_message* stop_call = nullptr;
    bool start_wanted = false, stop_wanted = false, exit_wanted = false;
    // A refused SwitchMaster left the engine without a driver.
    bool driver_lost = false;
    // Called after each change to the tree made over D-Bus (the settings
    // file is written).
    std::function<void()> changed = [] {};

    bool started() const { return monitor != nullptr; }
    std::uint64_t xruns() const;
    // Emits one of JackControl's signals (ServerStarted, ServerStopped).
    void emit(const char* signal) const;
};

// The interfaces' method tables; their userdata is the ControllerState.
extern const sd_bus_vtable control_vtable[];
extern const sd_bus_vtable configure_vtable[];
extern const sd_bus_vtable patchbay_vtable[];

// Replies to a held call and lets it go: an empty return, or the error.
void reply_and_release(sd_bus_message*& call, const char* error_name = nullptr,
                       const std::string& message = {});

} // namespace jack_server::detail
