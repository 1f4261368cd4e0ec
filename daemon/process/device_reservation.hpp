// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "jack_server/device_reservation.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace jack_server::detail {

// Device reservation on the session bus, as Debian's jackd does it: before
// JACK opens card N it takes org.freedesktop.ReserveDevice1.AudioN, asking
// the holder (PulseAudio, PipeWire) to release it with the highest priority;
// while the server runs it refuses anyone who asks; it lets go when JACK
// closes the card (on stop, and around a reload's switch to another card).
// With no session bus (a headless rig, a system unit) it says so once and
// lets JACK open cards without asking.
class SessionBusReservation : public DeviceReservation {
public:
    // Why the latest acquire failed, a sentence naming the card and its holder;
    // nothing when it succeeded.
    virtual std::optional<std::string> refusal() const = 0;
    // Lets go of every card held. For a lost card: JACK releases a card it
    // can name, and an unplugged card no longer answers to its name.
    virtual void release_all() = 0;
};

// The daemon's reservation: nothing when turned off (--no-audio-reservation,
// or JACK_NO_AUDIO_RESERVATION set, which jackd reads too) or when built
// without libsystemd. reply_timeout bounds each call to the holder.
std::shared_ptr<SessionBusReservation>
make_device_reservation(bool turned_off, std::chrono::milliseconds reply_timeout);

} // namespace jack_server::detail
