#pragma once

#include <atomic>
#include <cstdint>
#include <jack/types.h>
#include <mutex>
#include <optional>
#include <string>

namespace jack_server::detail {

// An in-process client of the server in this process (libjackserver's own
// jack_client_open), with no ports. JACK's threads only count and flag here;
// the daemon's main thread reads the figures and logs. fd() becomes readable
// when something happened that the main loop must act on (the engine shut the
// monitor down, the last other client left).
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
    // Leaves the client open at destruction: closing a client waits for
    // cycles, which a stalled engine never runs.
    void abandon() { abandoned_ = true; }
    // Empties the event descriptor after poll() reported it.
    void clear_event();

    std::uint64_t cycles() const { return cycles_.load(std::memory_order_relaxed); }
    std::uint64_t xruns() const { return xruns_.load(std::memory_order_relaxed); }
    // The engine's DSP load in percent.
    float dsp_load() const;
    std::uint32_t sample_rate() const;
    std::uint32_t period() const;

    // Set once the engine shut the monitor down, with JACK's reason.
    std::optional<std::string> shutdown_reason() const;
    bool last_client_left() const { return last_client_left_.load(); }

private:
    static int on_process(std::uint32_t frames, void* self);
    static int on_xrun(void* self);
    static void on_client(const char* name, int registered, void* self);
    static void on_shutdown(jack_status_t code, const char* reason, void* self);
    void wake() const;

    jack_client_t* client_ = nullptr;
    int event_fd_ = -1;
    bool watch_clients_;
    bool abandoned_ = false;
    std::string name_;
    std::atomic<std::uint64_t> cycles_{0}, xruns_{0};
    std::atomic<int> clients_{0};
    std::atomic<bool> last_client_left_{false}, shut_down_{false};
    mutable std::mutex mutex_;
    std::string shutdown_reason_;
};

} // namespace jack_server::detail
