// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "parts/child_probe.hpp"
#include "parts/pcm_probe.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jack_server::detail {

// An ALSA PCM a driver opens, and the streams of it it opens: the card runs
// when at least one of them configures.
struct ProbedDevice {
    std::string name;
    unsigned streams; // PcmStreams
};

// The ALSA PCMs a driver's card opens: for the alsa driver -P (playback) and
// -C (capture) when given, else -d (hw:0 when none is) both ways; none for
// other drivers, whose devices cannot be probed, nor in a build without ALSA
// (pcm_probe.hpp).
std::vector<ProbedDevice> probe_devices(const PluginConfig& driver);
// How the driver will run its card: its own rate, period and periods where
// set, else the engine's rate and period (and JACK's 2 periods).
PcmSetup probe_setup(const PluginConfig& driver, unsigned engine_rate, unsigned engine_period);
// Whether every one of devices configures now (pcm_configures), probed in a
// child process given deadline; waits for it.
bool all_run(const std::vector<ProbedDevice>& devices, const PcmSetup& setup,
             std::chrono::milliseconds deadline);
// The probe of devices as a child's job: exit status 0 when all run.
int probe_job(const std::vector<ProbedDevice>& devices, const PcmSetup& setup);

// While the server runs on the fallback: whether the lost card is back. At
// most once a probe interval it configures the card's ALSA devices as JACK
// will run them (pcm_configures) in a child process (ChildProbe) that the run
// loop never waits for, killed when still running after the probe deadline:
// a card that opens but cannot run (ALSA's file plugin on a FIFO whose
// reader died) is not returned to, and a probe that blocks is abandoned. It
// works for any card ALSA can name, hw:N or a plugin, where a watch on
// /dev/snd would see only kernel devices and not whether the device runs. A
// card that comes and goes is returned to at most once per hold, counted
// across losses. Only the alsa driver's devices can be probed, and only in a
// build with ALSA: without it, the watch says so once when made and never
// sees a card come back.
class CardWatch {
public:
    using Clock = std::chrono::steady_clock;

    CardWatch(std::chrono::milliseconds probe_interval, std::chrono::milliseconds probe_deadline,
              std::chrono::milliseconds hold);

    // The card the primary driver opens was lost; it is to run as setup
    // says: watching it starts. False when its devices cannot be probed (a
    // driver other than alsa).
    bool lost(const PluginConfig& primary, const PcmSetup& setup, Clock::time_point now);
    // True once a probe found the card running and the hold since the last
    // return has passed (call on every tick while on the fallback).
    bool back(Clock::time_point now);
    // The server runs on the card again.
    void returned(Clock::time_point now);

private:
    std::vector<ProbedDevice> devices_;
    PcmSetup setup_;
    std::chrono::milliseconds probe_interval_, probe_deadline_, hold_;
    bool watching_ = false;
    Clock::time_point next_probe_{};
    std::unique_ptr<ChildProbe> probe_;            // the probe running, if any
    std::optional<Clock::time_point> last_return_; // none before the first return
};

} // namespace jack_server::detail
