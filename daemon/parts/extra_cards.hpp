// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "limits.hpp"
#include "part.hpp"
#include "parts/bridge_trace.hpp"
#include "parts/child_probe.hpp"
#include "parts/command.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jack_server::detail {

class EventLoop;
class Monitor;
class SessionBusReservation;
class Stats;

// The JACK client that plays to a card's playback side: NAME itself when
// the card plays only, otherwise "NAME-playback", whose ports get the
// aliases NAME:playback_N (two programs cannot both be client NAME). The
// patchbay matches them by those names (playback_client_renames).
std::string playback_client(const std::string& card, bool with_capture);
// The JACK clients a card's bridges can be, whichever sides it runs.
std::vector<std::string> bridge_clients(const std::string& card);
// For each card: its playback client's prefix and the name its ports go by.
std::vector<std::pair<std::string, std::string>>
playback_client_renames(const std::vector<CardSpec>& cards);

// The argv of the bridge of one side of a card: zita-a2j (capture) or
// zita-j2a (playback), as the JACK client `client`, at the engine's rate,
// the card's period and periods, channels channels, the card's quality.
std::vector<std::string> bridge_command(const CardSpec& card, bool capture,
                                        const std::string& client, unsigned rate, unsigned period,
                                        unsigned channels);

// One extra card ([[card]], --card): while its device is there, the bridge
// processes (zita-a2j, zita-j2a) that make it the JACK client NAME,
// resampled to the master's clock; none while it is away.
class ExtraCard {
public:
    using Clock = std::chrono::steady_clock;
    struct Context {
        std::string server_name;
        bool dies_with_us;
        unsigned rate, period; // the engine's
        SessionBusReservation* reservation;
        std::chrono::milliseconds probe_interval, probe_deadline, grace, lost_track;
    };

    explicit ExtraCard(CardSpec spec) : spec_(std::move(spec)) {}
    ~ExtraCard();
    ExtraCard(const ExtraCard&) = delete;
    ExtraCard& operator=(const ExtraCard&) = delete;

    const CardSpec& spec() const { return spec_; }
    bool present() const { return !bridges_.empty(); }
    unsigned attached() const { return attached_; }
    // Its bridge's resampling ratio on that side (capture: zita-a2j,
    // playback: zita-j2a) while it is there and traced.
    std::optional<double> ratio(bool capture) const;
    // Times its stream broke while attached and its bridge restarted it,
    // over the whole run.
    unsigned restarts() const;
    // Probes the device (in a child process, never waited for), attaches
    // the card when it appears, detaches it when it goes or a bridge ends.
    // Returns true when it attached or detached.
    bool tick(const Context& context, Clock::time_point now);
    // A sound device came or went (udev): probe at the next tick.
    void probe_soon() { next_probe_ = {}; }
    // Ends the bridges (SIGTERM, SIGKILL after grace), waiting for them.
    void stop(std::chrono::milliseconds grace);
    // The aliases its ports should have: (port, alias) pairs,
    // NAME-playback:playback_N → NAME:playback_N.
    std::vector<std::pair<std::string, std::string>> aliases() const;

private:
    struct Bridge {
        std::unique_ptr<Command> command;
        std::string client;
        unsigned channels;
        bool capture;
        std::unique_ptr<BridgeTrace> trace; // none where no terminal can be had
    };
    // A bridge whose ratio has been nan for context.lost_track, if one has.
    const Bridge* lost_track(const Context& context, Clock::time_point now) const;
    void start_bridge(const Context& context, bool capture, const std::string& client,
                      unsigned channels);
    void end_bridges(std::chrono::steady_clock::time_point kill_at);
    void attach(const Context& context, int found, Clock::time_point now);
    void detach(const Context& context, const std::string& why, Clock::time_point now);
    void start_probe(const Context& context, Clock::time_point now);
    void back_off(Clock::time_point now); // after a bridge failed
    void reap_stopping(Clock::time_point now);
    void release(); // the card's reservation, if held

    CardSpec spec_;
    std::vector<Bridge> bridges_;
    struct Stopping {
        std::unique_ptr<Command> command;
        Clock::time_point kill_at;
    };
    std::vector<Stopping> stopping_;
    std::unique_ptr<ChildProbe> probe_;
    Clock::time_point next_probe_{};
    std::optional<std::string> reserved_; // the AudioN held for it, by reservation_
    SessionBusReservation* reservation_ = nullptr;
    unsigned attached_ = 0;
    Clock::time_point attached_at_{};
    unsigned restarts_before_ = 0; // of the bridges that have ended
    unsigned quick_ends_ = 0;      // bridges that failed soon after an attach, in a row
    bool said_refused_ = false;
};

// The extra cards as a part: each card ticks (probe, attach, detach); a
// client of the daemon's own gives the playback ports their aliases; the
// stats list each card, present or away. Sound devices coming and going
// (udev, where it runs) make every away card probe at once.
class ExtraCards final : public Part {
public:
    // Throws ServerNotStartedError when its client cannot be opened.
    ExtraCards(const std::string& server_name, const std::vector<CardSpec>& cards,
               bool dies_with_us, Monitor& monitor, Stats& stats,
               SessionBusReservation* reservation, EventLoop& loop, const Limits& limits);
    ~ExtraCards() override;
    ExtraCards(const ExtraCards&) = delete;
    ExtraCards& operator=(const ExtraCards&) = delete;

    std::optional<Outcome> on_tick(Clock::time_point now) override;
    std::optional<Outcome> on_wake() override;
    // A reload's cards: those gone are detached, new ones probed. A suspend
    // ends every bridge; the resume probes every card.
    void on_change(const Change& change) override;
    // The bridges end before the server does.
    void on_stop(const Outcome& outcome) override;

private:
    ExtraCard::Context context() const;
    void open_when_needed(); // its client and udev watch, once a card is declared
    void set_aliases();
    void report(); // the bridges' clients to the monitor, and the figures
    void report_figures();
    void sleep_or_wake(bool sleep);

    std::string server_name_;
    bool dies_with_us_;
    Monitor& monitor_;
    Stats& stats_;
    SessionBusReservation* reservation_;
    std::chrono::milliseconds probe_interval_, probe_deadline_, grace_, lost_track_;
    EventLoop& loop_;
    std::vector<std::unique_ptr<ExtraCard>> cards_;
    struct Client;
    std::unique_ptr<Client> client_; // sets the aliases; none while no card is declared
    struct SoundEvents;
    std::unique_ptr<SoundEvents> sound_events_;
    bool asleep_ = false; // between a suspend and the resume: no card attaches
};

} // namespace jack_server::detail
