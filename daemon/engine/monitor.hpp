// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "engine/engine_state.hpp"

#include <atomic>
#include <cstdint>
#include <jack/types.h>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace jack_server::detail {

class EventLoop;

// An in-process client of the server in this process (libjackserver's own
// jack_client_open), with no ports and no process callback: JACK leaves a
// client without one out of the process graph, so watching costs the engine
// nothing per cycle. Cycles are read from the engine's frame counter instead.
// JACK's notification thread only counts and flags here; the daemon's main
// thread reads the figures and logs. It wakes the event loop when something
// happened that the run loop must act on (the engine shut the monitor down,
// the last other client left, the master driver stopped on a device error). Destroy it only after
// the server stopped, and the event loop after it: the stop still calls its shutdown
// callback. A process that runs the server again closes it before the stop (close()).
class Monitor final : public EngineState {
public:
    // watch_clients: implement -T here. libjackserver's own -T counts every
    // client, this one too, so the daemon passes it no -T and instead ends
    // once the last client other than the monitor has left.
    // Throws ServerNotStartedError when the client cannot be opened.
    Monitor(const std::string& server_name, bool watch_clients, EventLoop& loop);
    ~Monitor() override;
    // Closes the client, before the server stops: it waits for the engine's
    // next cycles (two periods), or JACK's client timeout on a stalled engine.
    // Afterwards the figures stay as they were.
    void close();
    Monitor(const Monitor&) = delete;
    Monitor& operator=(const Monitor&) = delete;

    // Process cycles run since the monitor opened: the engine's frame
    // counter, advanced by a period each cycle, read here (main thread only).
    std::uint64_t cycles() override;
    std::uint64_t xruns() const override { return xruns_.load(std::memory_order_relaxed); }
    std::vector<LateClient> late_clients() const override;
    float dsp_load() const override;
    std::uint32_t sample_rate() const override;
    std::uint32_t period() const override;

    // Set once the engine shut the monitor down, with JACK's reason.
    std::optional<std::string> shutdown_reason() const override;
    std::optional<std::string> device_lost() const override;
    void forget_device_lost() override;
    bool last_client_left() const override { return last_client_left_.load(); }

    // Clients of the daemon's own beside those named jack-server-*: the
    // extra cards' bridges, which -T does not wait for (any thread).
    void set_own_clients(std::set<std::string> names);

    // Its client, open on the server: one that can still read the graph
    // when no cycle runs.
    jack_client_t* client() const { return client_; }

private:
    static int on_xrun(void* self);
    static void on_client(const char* name, int registered, void* self);
    static void on_shutdown(jack_status_t code, const char* reason, void* self);
    bool counts(std::string_view client) const;
    void count_clients_already_there();

    jack_client_t* client_ = nullptr;
    EventLoop& loop_;
    bool watch_clients_;
    std::string name_;
    std::uint32_t last_frame_ = 0;
    std::uint64_t cycles_ = 0;
    std::atomic<std::uint64_t> xruns_{0};
    std::atomic<bool> last_client_left_{false}, shut_down_{false};
    mutable std::mutex mutex_;
    std::string shutdown_reason_;
    std::optional<std::string> device_lost_;
    std::set<std::string> clients_; // with -T: the clients there now, under mutex_
    mutable std::mutex own_mutex_;
    std::set<std::string> own_clients_; // under own_mutex_
};

} // namespace jack_server::detail
