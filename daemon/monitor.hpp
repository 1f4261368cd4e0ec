#pragma once

#include <atomic>
#include <cstdint>
#include <jack/types.h>
#include <mutex>
#include <optional>
#include <string>

namespace jack_server::detail {

// An in-process client of the server in this process (libjackserver's own
// jack_client_open), with no ports and no process callback: JACK leaves a
// client without one out of the process graph, so watching costs the engine
// nothing per cycle. Cycles are read from the engine's frame counter instead.
// JACK's notification thread only counts and flags here; the daemon's main
// thread reads the figures and logs. fd() becomes readable
// when something happened that the main loop must act on (the engine shut the
// monitor down, the last other client left). Destroy it only after the server
// stopped: the stop still calls its shutdown callback.
class Monitor {
public:
    // watch_clients: implement -T here. libjackserver's own -T counts every
    // client, this one too, so the daemon passes it no -T and instead ends
    // once the last client other than the monitor has left.
    // Throws ServerNotStartedError when the client cannot be opened.
    Monitor(const std::string& server_name, bool watch_clients);
    ~Monitor();
    Monitor(const Monitor&) = delete;
    Monitor& operator=(const Monitor&) = delete;

    int fd() const { return event_fd_; }
    // Empties the event descriptor after poll() reported it.
    void clear_event();

    // Process cycles run since the monitor opened: the engine's frame
    // counter, advanced by a period each cycle, read here (main thread only).
    std::uint64_t cycles();
    std::uint64_t xruns() const { return xruns_.load(std::memory_order_relaxed); }
    // The engine's DSP load in percent.
    float dsp_load() const;
    std::uint32_t sample_rate() const;
    std::uint32_t period() const;

    // Set once the engine shut the monitor down, with JACK's reason.
    std::optional<std::string> shutdown_reason() const;
    bool last_client_left() const { return last_client_left_.load(); }

private:
    static int on_xrun(void* self);
    static void on_client(const char* name, int registered, void* self);
    static void on_shutdown(jack_status_t code, const char* reason, void* self);
    void wake() const;

    jack_client_t* client_ = nullptr;
    int event_fd_ = -1;
    bool watch_clients_;
    std::string name_;
    std::uint32_t last_frame_ = 0;
    std::uint64_t cycles_ = 0;
    std::atomic<std::uint64_t> xruns_{0};
    std::atomic<int> clients_{0};
    std::atomic<bool> last_client_left_{false}, shut_down_{false};
    mutable std::mutex mutex_;
    std::string shutdown_reason_;
};

} // namespace jack_server::detail
