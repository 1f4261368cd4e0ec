// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "engine/late_clients.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jack_server::detail {

class EngineState;

// The run's figures, sampled by the main thread: what SIGUSR1 logs, the
// summary at exit, STATUS= and --stats-file.
class Stats {
public:
    Stats(std::string driver, std::optional<std::string> device);

    // The master driver is now the fallback, since the primary device was
    // lost (for that reason): the figures say so from now on.
    void on_fallback(std::string driver, std::optional<std::string> device, std::string lost);
    // Back on the card.
    void on_card(std::string driver, std::optional<std::string> device);

    // Takes the engine's current figures (once a timer tick).
    void sample(EngineState& engine);

    // An extra card (--card, [[card]]): whether it is there now, how many
    // times it was attached, its bridges' resampling ratios (while there),
    // the times its stream broke and was restarted, and its bridges' JACK
    // clients, whose late cycles count among its xruns.
    struct CardFigure {
        std::string name, device;
        bool present = false;
        unsigned attached = 0;
        std::optional<double> capture_ratio, playback_ratio;
        unsigned restarts = 0;
        std::vector<std::string> clients;
    };
    void set_cards(std::vector<CardFigure> cards) { cards_ = std::move(cards); }

    // The [[connect]] entries that match no port now ("nobody:* → system:*").
    void set_unmatched(std::vector<std::string> rules) { unmatched_ = std::move(rules); }

    std::chrono::duration<double> uptime() const;
    std::uint64_t cycles() const { return cycles_; }
    std::uint64_t xruns() const { return xruns_; }

    // "uptime 12.3 s, driver dummy, rate 48000 Hz, period 1024 frames,
    // cycles 576, xruns 0, DSP load 0.4 % (max 1.2 %)" ("xruns 12 (late:
    // ardour 9, carla 3; driver 0)" once there are some), then "; unmatched
    // connect A → B, C → D" when entries match no port, "; cards mic
    // present (ratio 0.999901, xruns 0), out away (xruns 2)" with extra
    // cards; on the fallback,
    // "driver dummy (on fallback for 3.2 s: <why the device was lost>)".
    std::string line() const;
    // STATUS=: what runs and the xruns so far, no ever-changing counters
    // (a card's ratio to 4 decimals: 100 ppm).
    std::string status() const;
    // Writes the figures as JSON to path atomically (see replace_file).
    // Throws FileError when it cannot.
    void write_json(const std::string& path, int exit_status) const;

private:
    std::string driver_text() const;
    std::string xruns_text() const;
    // The xruns no late client explains: the driver's own (JACK notifies
    // clients once for each late client and once for each driver xrun).
    std::uint64_t driver_xruns() const;

    std::string driver_;
    std::optional<std::string> device_;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    struct OnFallback {
        std::chrono::steady_clock::time_point since;
        std::string lost; // the primary device's reason
    };
    std::optional<OnFallback> fallback_;
    std::uint64_t cycles_ = 0, xruns_ = 0, samples_ = 0;
    std::vector<LateClient> late_;
    std::uint32_t rate_ = 0, period_ = 0;
    double load_ = 0, load_max_ = 0, load_sum_ = 0;
    std::vector<std::string> unmatched_;
    std::vector<CardFigure> cards_;
    // A card's xruns: its stream's restarts and its clients' late cycles.
    std::uint64_t card_xruns(const CardFigure& card) const;
    // ratio_decimals: 6 as the bridges trace it, fewer for STATUS=.
    std::string cards_text(int ratio_decimals) const;
};

} // namespace jack_server::detail
