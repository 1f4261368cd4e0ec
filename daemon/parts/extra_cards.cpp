// SPDX-License-Identifier: GPL-2.0-or-later
#include "parts/extra_cards.hpp"

#include "engine/monitor.hpp"
#include "engine/own_client.hpp"
#include "engine/stats.hpp"
#include "log.hpp"
#include "os/event_loop.hpp"
#include "parts/pcm_probe.hpp"
#include "process/device_reservation.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <jack/jack.h>
#include <set>
#include <signal.h>
#include <system_error>
#include <thread>

#if JACK_SERVER_HAVE_SYSTEMD
#include <systemd/sd-device.h>
#include <systemd/sd-event.h>
#include <unistd.h>
#endif

namespace jack_server::detail {

namespace {

// What an attach probe found, packed into the child's one int: the
// channels each side configures with (0: it does not) and the ALSA card
// number of the device's control (for its reservation), plus one.
constexpr int channel_bits = 10;
constexpr unsigned channel_mask = (1u << channel_bits) - 1;

int pack(unsigned capture, unsigned playback, int card) {
    return int(std::min(capture, channel_mask) | std::min(playback, channel_mask) << channel_bits |
               unsigned(std::clamp(card + 1, 0, 255)) << (2 * channel_bits));
}

PcmSetup card_setup(const CardSpec& spec, unsigned rate, unsigned period) {
    return {rate, spec.period.value_or(period), spec.nperiods.value_or(2),
            spec.channels.value_or(0)};
}

// The attach probe's job, run in the child: how the card configures, each
// side as its bridge will run it.
int attach_job(const CardSpec& spec, const PcmSetup& setup) {
    unsigned capture =
        spec.capture.value_or(true) ? pcm_channels(spec.device, pcm_capture, setup) : 0;
    unsigned playback =
        spec.playback.value_or(true) ? pcm_channels(spec.device, pcm_playback, setup) : 0;
    return pack(capture, playback, capture || playback ? pcm_card_index(spec.device) : -1);
}

} // namespace

std::string playback_client(const std::string& card, bool with_capture) {
    return with_capture ? card + "-playback" : card;
}

std::vector<std::string> bridge_clients(const std::string& card) {
    return {card, playback_client(card, true)};
}

std::vector<std::pair<std::string, std::string>>
playback_client_renames(const std::vector<CardSpec>& cards) {
    std::vector<std::pair<std::string, std::string>> renames;
    for (const auto& card : cards)
        renames.emplace_back(playback_client(card.name, true) + ":", card.name + ":");
    return renames;
}

std::vector<std::string> bridge_command(const CardSpec& card, bool capture,
                                        const std::string& client, unsigned rate, unsigned period,
                                        unsigned channels) {
    std::vector<std::string> argv{capture ? "zita-a2j" : "zita-j2a",
                                  "-j",
                                  client,
                                  "-d",
                                  card.device,
                                  "-r",
                                  std::to_string(rate),
                                  "-p",
                                  std::to_string(card.period.value_or(period)),
                                  "-n",
                                  std::to_string(card.nperiods.value_or(2)),
                                  "-c",
                                  std::to_string(channels)};
    if (card.quality)
        argv.insert(argv.end(), {"-Q", std::to_string(*card.quality)});
    return argv;
}

// --- one card ----------------------------------------------------------------

ExtraCard::~ExtraCard() {
    stop(std::chrono::milliseconds(0));
}

bool ExtraCard::tick(const Context& context, Clock::time_point now) {
    reap_stopping(now);
    if (probe_) {
        auto result = probe_->result(now);
        if (!result)
            return false;
        probe_.reset();
        if (!present()) {
            if (*result > 0 && (*result & ((1 << (2 * channel_bits)) - 1)) != 0) {
                attach(context, *result, now);
                return present();
            }
        } else if (*result <= 0) {
            detach(context,
                   *result < 0 ? "its device did not answer a probe"
                               : "its device " + spec_.device + " is gone",
                   now);
            return true;
        }
    }
    for (auto& bridge : bridges_) {
        if (bridge.trace)
            bridge.trace->read();
        if (auto status = bridge.command->reap()) {
            detach(context,
                   fmt::format("{} ({}) ended with status {}", bridge.command->name(),
                               bridge.client, *status),
                   now);
            back_off(now);
            return true;
        }
    }
    // zita does not recover from it: its card is attached again afresh.
    if (const auto* lost = lost_track(context, now)) {
        auto why = fmt::format("{} ({}) lost track of its clock (ratio nan for {} ms)",
                               lost->command->name(), lost->client, context.lost_track.count());
        ++restarts_before_;
        detach(context, why, now);
        back_off(now);
        return true;
    }
    // No new bridge while the last ones still let go of the card (and of
    // their JACK names).
    if (now >= next_probe_ && (present() || stopping_.empty()))
        start_probe(context, now);
    return false;
}

// A card whose bridges keep failing soon after its attach is tried again
// ever later (1 s, 2 s, 4 s... up to a minute), not twice a second.
void ExtraCard::back_off(Clock::time_point now) {
    quick_ends_ = now - attached_at_ < std::chrono::seconds(10) ? quick_ends_ + 1 : 0;
    next_probe_ =
        now + std::min<std::chrono::milliseconds>(
                  std::chrono::seconds(1u << std::min(quick_ends_, 6u)), std::chrono::minutes(1));
}

void ExtraCard::start_probe(const Context& context, Clock::time_point now) {
    next_probe_ = now + context.probe_interval;
    try {
        if (present()) {
            auto device = spec_.device;
            probe_ = std::make_unique<ChildProbe>([device] { return pcm_present(device) ? 1 : 0; },
                                                  context.probe_deadline);
        } else {
            auto spec = spec_;
            auto setup = card_setup(spec_, context.rate, context.period);
            probe_ = std::make_unique<ChildProbe>([spec, setup] { return attach_job(spec, setup); },
                                                  context.probe_deadline);
        }
    } catch (const std::system_error& e) {
        log::warn("card {}: cannot probe {}: {}", spec_.name, spec_.device, e.what());
    }
}

void ExtraCard::attach(const Context& context, int found, Clock::time_point now) {
    unsigned capture = unsigned(found) & channel_mask;
    unsigned playback = (unsigned(found) >> channel_bits) & channel_mask;
    int card = int((unsigned(found) >> (2 * channel_bits)) & 0xff) - 1;
    if (context.reservation && card >= 0) {
        auto device = "Audio" + std::to_string(card);
        if (!context.reservation->acquire(device)) {
            if (!said_refused_)
                log::warn("card {}: {}; trying again while it is there", spec_.name,
                          context.reservation->refusal().value_or("cannot reserve " + device));
            said_refused_ = true;
            return;
        }
        reserved_ = device;
        reservation_ = context.reservation;
    }
    said_refused_ = false;
    try {
        if (capture)
            start_bridge(context, true, spec_.name, capture);
        if (playback)
            start_bridge(context, false, playback_client(spec_.name, capture != 0), playback);
    } catch (const std::exception& e) {
        detach(context, e.what(), now);
        return;
    }
    ++attached_;
    attached_at_ = now;
    log::info("card {}: attached {} ({} capture, {} playback channels)", spec_.name, spec_.device,
              capture, playback);
}

// The bridge of one side, traced (-v, on a terminal of its own) where it can
// be: its ratio and its restarts are the card's figures.
void ExtraCard::start_bridge(const Context& context, bool capture, const std::string& client,
                             unsigned channels) {
    auto argv = bridge_command(spec_, capture, client, context.rate, context.period, channels);
    std::unique_ptr<BridgeTrace> trace;
    try {
        trace = std::make_unique<BridgeTrace>(spec_.name, argv[0]);
        argv.push_back("-v");
    } catch (const std::system_error& e) {
        log::debug("card {}: {} untraced: {}", spec_.name, argv[0], e.what());
    }
    auto command = std::make_unique<Command>(argv, context.server_name, context.dies_with_us,
                                             trace ? trace->terminal() : -1);
    if (trace)
        trace->started();
    bridges_.push_back({std::move(command), client, channels, capture, std::move(trace)});
}

// SIGINT to each bridge (zita's way to end), SIGKILL at kill_at.
void ExtraCard::end_bridges(Clock::time_point kill_at) {
    for (auto& bridge : bridges_) {
        if (bridge.trace) {
            bridge.trace->read();
            restarts_before_ += bridge.trace->restarts();
        }
        bridge.command->forward(SIGINT);
        stopping_.push_back({std::move(bridge.command), kill_at});
    }
    bridges_.clear();
}

const ExtraCard::Bridge* ExtraCard::lost_track(const Context& context,
                                               Clock::time_point now) const {
    for (const auto& bridge : bridges_)
        if (bridge.trace && bridge.trace->lost_since() &&
            now - *bridge.trace->lost_since() >= context.lost_track)
            return &bridge;
    return nullptr;
}

std::optional<double> ExtraCard::ratio(bool capture) const {
    for (const auto& bridge : bridges_)
        if (bridge.capture == capture && bridge.trace)
            return bridge.trace->ratio();
    return std::nullopt;
}

unsigned ExtraCard::restarts() const {
    auto restarts = restarts_before_;
    for (const auto& bridge : bridges_)
        if (bridge.trace)
            restarts += bridge.trace->restarts();
    return restarts;
}

void ExtraCard::detach(const Context& context, const std::string& why, Clock::time_point now) {
    end_bridges(now + context.grace);
    probe_.reset();
    release();
    log::info("card {}: away: {}", spec_.name, why);
}

void ExtraCard::release() {
    if (reserved_ && reservation_)
        reservation_->release(*reserved_);
    reserved_.reset();
}

void ExtraCard::reap_stopping(Clock::time_point now) {
    std::erase_if(stopping_, [&](Stopping& stopping) {
        if (stopping.command->reap())
            return true;
        if (now >= stopping.kill_at)
            stopping.command->forward(SIGKILL);
        return false;
    });
}

void ExtraCard::stop(std::chrono::milliseconds grace) {
    auto now = Clock::now();
    end_bridges(now + grace);
    probe_.reset();
    // The Command's destructor kills one still there with SIGKILL and reaps it.
    while (!stopping_.empty() && Clock::now() < now + grace) {
        reap_stopping(Clock::now());
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    stopping_.clear();
    release(); // once the bridges let go of the card
}

std::vector<std::pair<std::string, std::string>> ExtraCard::aliases() const {
    std::vector<std::pair<std::string, std::string>> wanted;
    for (const auto& bridge : bridges_)
        if (bridge.client != spec_.name)
            for (unsigned n = 1; n <= bridge.channels; ++n)
                wanted.emplace_back(fmt::format("{}:playback_{}", bridge.client, n),
                                    fmt::format("{}:playback_{}", spec_.name, n));
    return wanted;
}

// --- udev ----------------------------------------------------------------------

// Sound devices added or removed, from udev where it runs (libsystemd's
// sd-device monitor); never anything otherwise. Read without waiting on
// each tick.
struct ExtraCards::SoundEvents {
#if JACK_SERVER_HAVE_SYSTEMD
    sd_event* event = nullptr;
    sd_device_monitor* monitor = nullptr;
    bool seen = false;

    SoundEvents() {
        if (::access("/run/udev/control", F_OK) != 0) {
            log::debug("extra cards: udev does not run here; probing only");
            return;
        }
        if (sd_event_new(&event) < 0 || sd_device_monitor_new(&monitor) < 0 ||
            sd_device_monitor_filter_add_match_subsystem_devtype(monitor, "sound", nullptr) < 0 ||
            sd_device_monitor_attach_event(monitor, event) < 0 ||
            sd_device_monitor_start(monitor, on_device, this) < 0) {
            log::debug("extra cards: cannot watch udev; probing only");
            close();
        }
    }
    ~SoundEvents() {
        close();
    }
    void close() {
        monitor = sd_device_monitor_unref(monitor);
        event = sd_event_unref(event);
    }
    static int on_device(sd_device_monitor*, sd_device*, void* self) {
        static_cast<SoundEvents*>(self)->seen = true;
        return 0;
    }
    bool happened() {
        if (!event)
            return false;
        while (sd_event_run(event, 0) > 0) {
        }
        return std::exchange(seen, false);
    }
#else
    bool happened() {
        return false;
    }
#endif
};

// --- the part ----------------------------------------------------------------

// The daemon's client that gives the playback bridges' ports their aliases;
// JACK's notification thread only wakes the loop when ports come.
struct ExtraCards::Client {
    jack_client_t* client = nullptr;
    EventLoop& loop;
    Client(const std::string& server_name, EventLoop& loop) : loop(loop) {
        client = open_own_client(server_name, "jack-server-cards", "extra cards");
        jack_set_port_registration_callback(
            client,
            [](jack_port_id_t, int, void* self) { static_cast<Client*>(self)->loop.wake(); }, this);
        activate_own_client(client, server_name, "extra cards");
    }
    ~Client() { jack_client_close(client); }
};

ExtraCards::ExtraCards(const std::string& server_name, const std::vector<CardSpec>& cards,
                       bool dies_with_us, Monitor& monitor, Stats& stats,
                       SessionBusReservation* reservation, EventLoop& loop, const Limits& limits)
    : server_name_(server_name), dies_with_us_(dies_with_us), monitor_(monitor), stats_(stats),
      reservation_(reservation), probe_interval_(limits.extra_card_probe),
      probe_deadline_(limits.card_probe_deadline), grace_(limits.command_grace),
      lost_track_(limits.extra_card_lost_track), loop_(loop) {
    for (const auto& card : cards)
        cards_.push_back(std::make_unique<ExtraCard>(card));
    open_when_needed();
    // Said once at start, as the fallback's watch says it.
    if (!cards_.empty() && !pcm_probe_built())
        log::warn("extra cards: built without ALSA: no card can be probed, so none is "
                  "ever attached");
    report();
}

ExtraCards::~ExtraCards() = default;

void ExtraCards::open_when_needed() {
    if (cards_.empty() || client_)
        return;
    client_ = std::make_unique<Client>(server_name_, loop_);
    sound_events_ = std::make_unique<SoundEvents>();
}

ExtraCard::Context ExtraCards::context() const {
    return {server_name_,      dies_with_us_, monitor_.sample_rate(),
            monitor_.period(), reservation_,  probe_interval_,
            probe_deadline_,   grace_,        lost_track_};
}

std::optional<Outcome> ExtraCards::on_tick(Clock::time_point now) {
    // The cards reserved for the bridges answer on the session bus (the
    // master's are answered by JACK's alsa driver, whose loop serves them).
    if (cards_.empty())
        return std::nullopt;
    if (reservation_)
        reservation_->serve();
    if (asleep_)
        return std::nullopt;
    if (sound_events_->happened())
        for (auto& card : cards_)
            card->probe_soon();
    auto with = context();
    bool changed = false;
    for (auto& card : cards_)
        changed = card->tick(with, now) || changed;
    if (changed)
        report();
    else
        report_figures(); // the ratios the bridges traced since
    set_aliases();
    return std::nullopt;
}

std::optional<Outcome> ExtraCards::on_wake() {
    if (client_)
        set_aliases();
    return std::nullopt;
}

void ExtraCards::set_aliases() {
    for (const auto& card : cards_)
        for (const auto& [name, alias] : card->aliases()) {
            auto* port = jack_port_by_name(client_->client, name.c_str());
            if (port == nullptr || jack_port_by_name(client_->client, alias.c_str()) == port)
                continue;
            jack_port_set_alias(port, alias.c_str());
        }
}

void ExtraCards::on_change(const Change& change) {
    if (change.cause == Change::Cause::sleep || change.cause == Change::Cause::wake) {
        sleep_or_wake(change.cause == Change::Cause::sleep);
        return;
    }
    if (change.cause != Change::Cause::reload)
        return;
    std::vector<std::unique_ptr<ExtraCard>> kept;
    for (const auto& spec : change.running.cards) {
        auto same = std::find_if(cards_.begin(), cards_.end(),
                                 [&](const auto& card) { return card && card->spec() == spec; });
        kept.push_back(same != cards_.end() ? std::move(*same) : std::make_unique<ExtraCard>(spec));
    }
    for (auto& gone : cards_)
        if (gone) {
            log::info("card {}: no longer declared", gone->spec().name);
            gone->stop(grace_);
        }
    cards_ = std::move(kept);
    open_when_needed();
    report();
}

// Suspend and resume (SleepWatch): the bridges end and the cards are let go
// before the machine sleeps; after the resume every card is probed at once.
void ExtraCards::sleep_or_wake(bool sleep) {
    asleep_ = sleep;
    for (auto& card : cards_)
        if (sleep)
            card->stop(grace_);
        else
            card->probe_soon();
    report();
}

void ExtraCards::on_stop(const Outcome&) {
    for (auto& card : cards_)
        card->stop(grace_);
    report();
}

void ExtraCards::report() {
    std::set<std::string> bridges;
    for (const auto& card : cards_)
        for (auto& client : bridge_clients(card->spec().name))
            bridges.insert(std::move(client));
    monitor_.set_own_clients(std::move(bridges));
    report_figures();
}

void ExtraCards::report_figures() {
    std::vector<Stats::CardFigure> figures;
    for (const auto& card : cards_) {
        const auto& name = card->spec().name;
        figures.push_back({name, card->spec().device, card->present(), card->attached(),
                           card->ratio(true), card->ratio(false), card->restarts(),
                           bridge_clients(name)});
    }
    stats_.set_cards(std::move(figures));
}

} // namespace jack_server::detail
