// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>

namespace jack_server::detail {

// Who owns a well-known name on the session bus.
struct BusOwner {
    std::string application; // ReserveDevice1's ApplicationName; else the unique bus name
    std::optional<pid_t> pid;
};

// The session bus, asked who holds names: a card's reservation
// (org.freedesktop.ReserveDevice1.AudioN) or a sound server's name
// (org.pulseaudio.Server). Without a session bus (or libsystemd) every
// answer is none, and connected() says so.
class BusNames {
public:
    BusNames();
    ~BusNames();
    BusNames(const BusNames&) = delete;
    BusNames& operator=(const BusNames&) = delete;

    bool connected() const;
    std::optional<BusOwner> owner(const std::string& name) const;
    // The owner of "Audio<card>", with its ApplicationName.
    std::optional<BusOwner> card_reservation(int card) const;

private:
    struct Bus;
    std::unique_ptr<Bus> bus_;
};

} // namespace jack_server::detail
