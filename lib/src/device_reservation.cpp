// SPDX-License-Identifier: GPL-2.0-or-later
#include "jack_server/device_reservation.hpp"

#include "device_reservation_hooks.hpp"

#include <mutex>

namespace jack_server {

namespace {

std::mutex current_mutex;
std::shared_ptr<DeviceReservation> current;

// A reference for the length of one call, so that a replacement meanwhile
// cannot destroy the object under the caller.
std::shared_ptr<DeviceReservation> current_reservation() {
    std::lock_guard lock(current_mutex);
    return current;
}

} // namespace

void set_device_reservation(std::shared_ptr<DeviceReservation> reservation) {
    std::lock_guard lock(current_mutex);
    current = std::move(reservation);
}

namespace detail {

bool acquire_device(const char* device) {
    auto reservation = current_reservation();
    return !reservation || reservation->acquire(device);
}

void release_device(const char* device) {
    if (auto reservation = current_reservation())
        reservation->release(device);
}

void serve_device_reservation() {
    if (auto reservation = current_reservation())
        reservation->serve();
}

} // namespace detail

} // namespace jack_server
