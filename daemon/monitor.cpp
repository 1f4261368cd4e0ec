// SPDX-License-Identifier: GPL-2.0-or-later
#include "monitor.hpp"

#include "jack_server/error.hpp"
#include "jack_server/output.hpp"
#include "os/event_loop.hpp"

#include <fmt/format.h>
#include <jack/jack.h>
#include <string_view>

namespace jack_server::detail {

Monitor::Monitor(const std::string& server_name, bool watch_clients, EventLoop& loop)
    : loop_(loop), watch_clients_(watch_clients) {
    jack_status_t status{};
    client_ = jack_client_open("jack-server-monitor",
                               static_cast<jack_options_t>(JackNoStartServer | JackServerName),
                               &status, server_name.c_str());
    if (client_ == nullptr)
        throw ServerNotStartedError(
            fmt::format("cannot open the monitor client on server '{}' (JACK status {:#x})",
                        server_name, static_cast<unsigned>(status)));
    name_ = jack_get_client_name(client_);
    last_frame_ = jack_last_frame_time(client_);
    jack_set_xrun_callback(client_, &Monitor::on_xrun, this);
    jack_on_info_shutdown(client_, &Monitor::on_shutdown, this);
    if (watch_clients_)
        jack_set_client_registration_callback(client_, &Monitor::on_client, this);
    if (jack_activate(client_) != 0) {
        jack_client_close(client_);
        throw ServerNotStartedError(
            fmt::format("cannot activate the monitor client on server '{}'", server_name));
    }
    set_driver_failure_function([this](std::string_view reason) {
        {
            std::lock_guard lock(mutex_);
            device_lost_ = std::string(reason);
        }
        loop_.wake();
    });
}

Monitor::~Monitor() {
    set_driver_failure_function(nullptr);
}

// The client is never closed (the destructor only stops listening for driver
// failures): the daemon stops
// the server while the monitor still exists, the stop tells the client the
// server is gone (on_shutdown), and the client's memory goes with the process.
// Closing it first would wait for two engine cycles (a third of the daemon's
// stop time at period 64), or for ever when the engine stalled.

float Monitor::dsp_load() const {
    return shut_down_.load() ? 0.0f : jack_cpu_load(client_);
}

std::uint32_t Monitor::sample_rate() const {
    return jack_get_sample_rate(client_);
}

std::uint32_t Monitor::period() const {
    return jack_get_buffer_size(client_);
}

std::optional<std::string> Monitor::shutdown_reason() const {
    if (!shut_down_.load())
        return std::nullopt;
    std::lock_guard lock(mutex_);
    return shutdown_reason_;
}

std::optional<std::string> Monitor::device_lost() const {
    std::lock_guard lock(mutex_);
    return device_lost_;
}

void Monitor::forget_device_lost() {
    std::lock_guard lock(mutex_);
    device_lost_.reset();
}

std::uint64_t Monitor::cycles() {
    if (shut_down_.load())
        return cycles_;
    // The counter is 32 bits wide and wraps (after a day at 48 kHz); unsigned
    // subtraction gives the frames run since the last read across a wrap.
    std::uint32_t frame = jack_last_frame_time(client_);
    std::uint32_t frames = frame - last_frame_;
    if (auto period = jack_get_buffer_size(client_); period > 0 && frames >= period) {
        cycles_ += frames / period;
        last_frame_ = frame - frames % period;
    }
    return cycles_;
}

int Monitor::on_xrun(void* self) {
    static_cast<Monitor*>(self)->xruns_.fetch_add(1, std::memory_order_relaxed);
    return 0;
}

// JACK's notification thread. Internal clients loaded after the monitor and
// every external client register here; jackd's -T ends the server once the
// last of them is gone, and so does this.
void Monitor::on_client(const char* name, int registered, void* self) {
    auto& monitor = *static_cast<Monitor*>(self);
    // The daemon's own clients (the patchbay, a reload's) are no one's.
    if (monitor.name_ == name || std::string_view(name).starts_with("jack-server-"))
        return;
    auto now = monitor.clients_.fetch_add(registered ? 1 : -1) + (registered ? 1 : -1);
    if (!registered && now <= 0 && !monitor.last_client_left_.exchange(true))
        monitor.loop_.wake();
}

void Monitor::on_shutdown(jack_status_t, const char* reason, void* self) {
    auto& monitor = *static_cast<Monitor*>(self);
    {
        std::lock_guard lock(monitor.mutex_);
        monitor.shutdown_reason_ = reason != nullptr ? reason : "no reason given";
    }
    monitor.shut_down_.store(true);
    monitor.loop_.wake();
}

} // namespace jack_server::detail
