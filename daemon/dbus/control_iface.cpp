// SPDX-License-Identifier: GPL-2.0-or-later
// org.jackaudio.JackControl, as jackdbus's controller_iface_control.c
// answers it: the calls that start and stop the server wait for the
// controller (controller.cpp), the others answer at once.
#include "dbus/controller_state.hpp"
#include "engine/monitor.hpp"
#include "jack_server/error.hpp"
#include "jack_server/server.hpp"
#include "log.hpp"

#include <jack/jack.h>

namespace jack_server::detail {

namespace {

ControllerState& state_of(void* data) {
    return *static_cast<ControllerState*>(data);
}

int not_started(sd_bus_message* call, sd_bus_error* error) {
    return sd_bus_error_setf(error, bus_error::server_not_running,
                             "Can't execute method '%s' with stopped JACK server",
                             sd_bus_message_get_member(call));
}

int started(sd_bus_message* call, sd_bus_error* error) {
    return sd_bus_error_setf(error, bus_error::server_running,
                             "Can't execute method '%s' with started JACK server",
                             sd_bus_message_get_member(call));
}

int exit_service(sd_bus_message* call, void* data, sd_bus_error*) {
    auto& state = state_of(data);
    state.exit_wanted = true;
    return sd_bus_reply_method_return(call, "");
}

int is_started(sd_bus_message* call, void* data, sd_bus_error*) {
    return sd_bus_reply_method_return(call, "b", state_of(data).started() ? 1 : 0);
}

int start_server(sd_bus_message* call, void* data, sd_bus_error*) {
    auto& state = state_of(data);
    if (state.started() || state.start_wanted) {
        log::info("Ignoring JACK server start request because server is already started.");
        return sd_bus_reply_method_return(call, "");
    }
    state.start_wanted = true;
    state.start_call = sd_bus_message_ref(call);
    return 1; // the controller replies once the server serves clients
}

int stop_server(sd_bus_message* call, void* data, sd_bus_error*) {
    auto& state = state_of(data);
    if (!state.started() || state.stop_wanted) {
        log::info("Ignoring JACK server stop request because server is already stopped.");
        return sd_bus_reply_method_return(call, "");
    }
    state.stop_wanted = true;
    state.stop_call = sd_bus_message_ref(call);
    return 1; // the controller replies once the server stopped
}

int switch_master(sd_bus_message* call, void* data, sd_bus_error* error) {
    auto& state = state_of(data);
    if (!state.started())
        return not_started(call, error);
    try {
        state.server.switch_master(state.server.get_driver(state.selection.driver));
    } catch (const Error& e) {
        log::error("{}", e.what());
        // libjackserver closed the old driver first: the engine has none.
        state.driver_lost = true;
        return sd_bus_error_set(error, bus_error::generic, "Failed to switch master");
    }
    log::info("switched to driver '{}'", state.selection.driver);
    return sd_bus_reply_method_return(call, "");
}

int get_load(sd_bus_message* call, void* data, sd_bus_error* error) {
    auto& state = state_of(data);
    if (!state.started())
        return not_started(call, error);
    return sd_bus_reply_method_return(call, "d", double(state.monitor->dsp_load()));
}

int get_xruns(sd_bus_message* call, void* data, sd_bus_error*) {
    return sd_bus_reply_method_return(call, "u", std::uint32_t(state_of(data).xruns()));
}

int get_sample_rate(sd_bus_message* call, void* data, sd_bus_error* error) {
    auto& state = state_of(data);
    if (!state.started())
        return not_started(call, error);
    return sd_bus_reply_method_return(call, "u", state.monitor->sample_rate());
}

int get_latency(sd_bus_message* call, void* data, sd_bus_error* error) {
    auto& state = state_of(data);
    if (!state.started())
        return not_started(call, error);
    // In float, as jackdbus computes it, so that both report the same figure.
    float milliseconds =
        float(state.monitor->period()) / float(state.monitor->sample_rate()) * 1000.0f;
    return sd_bus_reply_method_return(call, "d", double(milliseconds));
}

int get_buffer_size(sd_bus_message* call, void* data, sd_bus_error* error) {
    auto& state = state_of(data);
    if (!state.started())
        return not_started(call, error);
    return sd_bus_reply_method_return(call, "u", state.monitor->period());
}

int set_buffer_size(sd_bus_message* call, void* data, sd_bus_error* error) {
    auto& state = state_of(data);
    if (!state.started())
        return not_started(call, error);
    std::uint32_t frames = 0;
    if (int read = sd_bus_message_read(call, "u", &frames); read < 0)
        return read;
    int refused = jack_set_buffer_size(state.monitor->client(), frames);
    if (refused != 0)
        return sd_bus_error_setf(error, bus_error::generic,
                                 "jack_set_buffer_size(%u) failed with error %d", frames, refused);
    return sd_bus_reply_method_return(call, "");
}

int is_realtime(sd_bus_message* call, void* data, sd_bus_error*) {
    auto& state = state_of(data);
    return sd_bus_reply_method_return(call, "b",
                                      state.started() && state.server.realtime() ? 1 : 0);
}

int reset_xruns(sd_bus_message* call, void* data, sd_bus_error*) {
    auto& state = state_of(data);
    if (state.started())
        state.xruns_base = state.monitor->xruns();
    state.xruns_after_stop = 0;
    return sd_bus_reply_method_return(call, "");
}

// LoadInternal, UnloadInternal: jackdbus's one error for every refusal.
template <typename Act>
int internal_call(sd_bus_message* call, void* data, sd_bus_error* error, const char* what,
                  Act act) {
    auto& state = state_of(data);
    const char* name = nullptr;
    if (int read = sd_bus_message_read(call, "s", &name); read < 0)
        return read;
    try {
        act(state.server, state.server.get_internal_client(name));
    } catch (const Error& e) {
        log::error("{}", e.what());
        return sd_bus_error_setf(error, bus_error::generic, "%s failed for internal (%s)", what,
                                 name);
    }
    return sd_bus_reply_method_return(call, "");
}

int load_internal(sd_bus_message* call, void* data, sd_bus_error* error) {
    return internal_call(call, data, error, "jack_controller_load_internal",
                         [](Server& server, const InternalClient& internal) {
                             server.load_internal_client(internal);
                         });
}

int unload_internal(sd_bus_message* call, void* data, sd_bus_error* error) {
    return internal_call(call, data, error, "jack_controller_unload_internal",
                         [](Server& server, const InternalClient& internal) {
                             server.unload_internal_client(internal);
                         });
}

// AddSlaveDriver, RemoveSlaveDriver: only while stopped, as jackdbus.
template <typename Act>
int slave_call(sd_bus_message* call, void* data, sd_bus_error* error, const char* what, Act act) {
    auto& state = state_of(data);
    if (state.started())
        return started(call, error);
    const char* name = nullptr;
    if (int read = sd_bus_message_read(call, "s", &name); read < 0)
        return read;
    if (!act(state.tree, name))
        return sd_bus_error_setf(error, bus_error::generic, "%s failed for driver (%s)", what,
                                 name);
    state.changed();
    return sd_bus_reply_method_return(call, "");
}

int add_slave_driver(sd_bus_message* call, void* data, sd_bus_error* error) {
    return slave_call(call, data, error, "jack_controller_add_slave_driver",
                      [](ParameterTree& tree, const char* name) { return tree.add_slave(name); });
}

int remove_slave_driver(sd_bus_message* call, void* data, sd_bus_error* error) {
    return slave_call(
        call, data, error, "jack_controller_remove_slave_driver",
        [](ParameterTree& tree, const char* name) { return tree.remove_slave(name); });
}

} // namespace

std::uint64_t ControllerState::xruns() const {
    return started() ? monitor->xruns() - xruns_base : xruns_after_stop;
}

void ControllerState::emit(const char* signal) const {
    sd_bus_emit_signal(bus, controller_object, control_interface, signal, "");
}

void reply_and_release(sd_bus_message*& call, const char* error_name, const std::string& message) {
    if (call == nullptr)
        return;
    if (error_name)
        sd_bus_reply_method_errorf(call, error_name, "%s", message.c_str());
    else
        sd_bus_reply_method_return(call, "");
    call = sd_bus_message_unref(call);
}

const sd_bus_vtable control_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD_WITH_NAMES("IsStarted", "", , "b", SD_BUS_PARAM(started), is_started, 0),
    SD_BUS_METHOD("StartServer", "", "", start_server, 0),
    SD_BUS_METHOD("StopServer", "", "", stop_server, 0),
    SD_BUS_METHOD("SwitchMaster", "", "", switch_master, 0),
    SD_BUS_METHOD_WITH_NAMES("GetLoad", "", , "d", SD_BUS_PARAM(load), get_load, 0),
    SD_BUS_METHOD_WITH_NAMES("GetXruns", "", , "u", SD_BUS_PARAM(xruns_count), get_xruns, 0),
    SD_BUS_METHOD_WITH_NAMES("GetSampleRate", "", , "u", SD_BUS_PARAM(sample_rate), get_sample_rate,
                             0),
    SD_BUS_METHOD_WITH_NAMES("GetLatency", "", , "d", SD_BUS_PARAM(latency_ms), get_latency, 0),
    SD_BUS_METHOD_WITH_NAMES("GetBufferSize", "", , "u", SD_BUS_PARAM(buffer_size_frames),
                             get_buffer_size, 0),
    SD_BUS_METHOD_WITH_NAMES("SetBufferSize", "u", SD_BUS_PARAM(buffer_size_frames), "", ,
                             set_buffer_size, 0),
    SD_BUS_METHOD_WITH_NAMES("IsRealtime", "", , "b", SD_BUS_PARAM(realtime), is_realtime, 0),
    SD_BUS_METHOD("ResetXruns", "", "", reset_xruns, 0),
    SD_BUS_METHOD_WITH_NAMES("LoadInternal", "s", SD_BUS_PARAM(internal), "", , load_internal, 0),
    SD_BUS_METHOD_WITH_NAMES("UnloadInternal", "s", SD_BUS_PARAM(internal), "", , unload_internal,
                             0),
    SD_BUS_METHOD_WITH_NAMES("AddSlaveDriver", "s", SD_BUS_PARAM(driver_name), "", ,
                             add_slave_driver, 0),
    SD_BUS_METHOD_WITH_NAMES("RemoveSlaveDriver", "s", SD_BUS_PARAM(driver_name), "", ,
                             remove_slave_driver, 0),
    // Not in jackdbus's introspection, but answered (jack_control exit).
    SD_BUS_METHOD("Exit", "", "", exit_service, SD_BUS_VTABLE_HIDDEN),
    SD_BUS_SIGNAL("ServerStarted", "", 0), SD_BUS_SIGNAL("ServerStopped", "", 0),
    SD_BUS_VTABLE_END};

} // namespace jack_server::detail
