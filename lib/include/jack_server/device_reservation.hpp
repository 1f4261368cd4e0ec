// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <memory>
#include <string>

namespace jack_server {

// Asks whoever holds a sound card to hand it over before JACK opens it, as
// desktop sound servers share cards (freedesktop's device reservation:
// PulseAudio and PipeWire own org.freedesktop.ReserveDevice1.AudioN on the
// session bus while they use card N). JACK's alsa driver calls it with the
// card's reservation name, "Audio0" for card 0, learnt from the card's control
// device. Called from libjackserver's threads: implementations lock.
class DeviceReservation {
public:
    virtual ~DeviceReservation() = default;
    // Before the driver opens the card; false makes the open fail.
    virtual bool acquire(const std::string& device) = 0;
    // After the driver closed a card it acquired.
    virtual void release(const std::string& device) = 0;
    // About every 50 ms while a card is open, from a thread of JACK's own:
    // the time to answer others who ask for the card.
    virtual void serve() = 0;
};

// The reservation JACK uses for every card this process opens from now on,
// process-wide like the output functions; nullptr (the default) opens cards
// without asking anyone. The library keeps a reference until it is replaced.
void set_device_reservation(std::shared_ptr<DeviceReservation> reservation);

} // namespace jack_server
