// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace jack_server::detail {

// The ALSA PCM names a driver's card opens: for the alsa driver -P and -C
// when given, else -d (hw:0 when none is); none for other drivers, whose
// devices cannot be probed, nor in a build without ALSA (pcm_probe.hpp).
std::vector<std::string> probe_devices(const PluginConfig& driver);
// Whether every one of devices opens now (non-blocking, closed at once).
bool all_open(const std::vector<std::string>& devices);

// While the server runs on the fallback: whether the lost card is back. It
// tries to open the card's ALSA devices (non-blocking, closed at once) at most
// once a probe interval, which works for any card ALSA can name, hw:N or a
// plugin, where a watch on /dev/snd would see only kernel devices and not
// whether the device opens. A card that comes and goes is returned to at most
// once per hold, counted across losses. Only the alsa driver's devices can be
// probed, and only in a build with ALSA: without it, the watch says so once
// when made and never sees a card come back.
class CardWatch {
public:
    using Clock = std::chrono::steady_clock;

    CardWatch(std::chrono::milliseconds probe_interval, std::chrono::milliseconds hold);

    // The card the primary driver opens was lost: watching it starts. False
    // when its devices cannot be probed (a driver other than alsa).
    bool lost(const PluginConfig& primary, Clock::time_point now);
    // True once the card opens again and the hold since the last return has
    // passed (call on every tick while on the fallback).
    bool back(Clock::time_point now);
    // The server runs on the card again.
    void returned(Clock::time_point now);

private:
    std::vector<std::string> devices_; // ALSA PCM names to open
    std::chrono::milliseconds probe_interval_, hold_;
    bool watching_ = false;
    Clock::time_point next_probe_{};
    std::optional<Clock::time_point> last_return_; // none before the first return
};

} // namespace jack_server::detail
