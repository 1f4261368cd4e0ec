// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/monitor.hpp"

#include "engine/own_client.hpp"
#include "jack_server/error.hpp"
#include "jack_server/output.hpp"
#include "os/event_loop.hpp"

#include <fmt/format.h>
#include <jack/jack.h>
#include <string_view>

namespace jack_server::detail {

Monitor::Monitor(const std::string& server_name, bool watch_clients, EventLoop& loop)
    : loop_(loop), watch_clients_(watch_clients) {
    LateClients::of_process().reset();
    client_ = open_own_client(server_name, "jack-server-monitor", "monitor");
    name_ = jack_get_client_name(client_);
    last_frame_ = jack_last_frame_time(client_);
    jack_set_xrun_callback(client_, &Monitor::on_xrun, this);
    jack_on_info_shutdown(client_, &Monitor::on_shutdown, this);
    if (watch_clients_)
        jack_set_client_registration_callback(client_, &Monitor::on_client, this);
    activate_own_client(client_, server_name, "monitor");
    if (watch_clients_)
        count_clients_already_there();
    set_driver_failure_function([this](std::string_view reason) {
        {
            std::lock_guard lock(mutex_);
            device_lost_ = std::string(reason);
        }
        loop_.wake();
    });
}

std::vector<LateClient> Monitor::late_clients() const {
    return LateClients::of_process().counts();
}

// A client left open keeps its semaphore's descriptor and some memory until
// the process ends; one closed after the server stopped deadlocks inside
// libjackserver.
Monitor::~Monitor() {
    set_driver_failure_function(nullptr);
}

void Monitor::close() {
    if (client_ == nullptr)
        return;
    set_driver_failure_function(nullptr);
    jack_client_close(client_);
    client_ = nullptr;
    shut_down_.store(true);
}

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

bool Monitor::counts(std::string_view name) const {
    // The daemon's own clients (the patchbay, a reload's, the extra cards'
    // bridges) are no one's.
    std::lock_guard lock(own_mutex_);
    return name != name_ && !name.starts_with("jack-server-") &&
           !own_clients_.contains(std::string(name));
}

void Monitor::set_own_clients(std::set<std::string> names) {
    std::lock_guard lock(own_mutex_);
    own_clients_ = std::move(names);
}

// JACK tells a client of the others only once it is active: a client that
// connected between the server's start and the monitor's activation is
// found by its ports (every port of a driver is physical). One that had no
// port at that moment is not seen: JACK's API lists ports, not clients.
void Monitor::count_clients_already_there() {
    const char** ports = jack_get_ports(client_, nullptr, nullptr, 0);
    std::lock_guard lock(mutex_);
    for (auto port = ports; port != nullptr && *port != nullptr; ++port) {
        std::string_view name(*port);
        auto client = std::string(name.substr(0, name.find(':')));
        auto* handle = jack_port_by_name(client_, *port);
        if (handle != nullptr && !(jack_port_flags(handle) & JackPortIsPhysical) && counts(client))
            clients_.insert(client);
    }
    jack_free(ports);
}

// JACK's notification thread. Internal clients loaded after the monitor and
// every external client register here; jackd's -T ends the server once the
// last of them is gone, and so does this.
void Monitor::on_client(const char* name, int registered, void* self) {
    auto& monitor = *static_cast<Monitor*>(self);
    if (!monitor.counts(name))
        return;
    bool none_left = false;
    {
        std::lock_guard lock(monitor.mutex_);
        if (registered) {
            monitor.clients_.insert(name);
        } else {
            monitor.clients_.erase(name);
            none_left = monitor.clients_.empty();
        }
    }
    if (none_left && !monitor.last_client_left_.exchange(true))
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
