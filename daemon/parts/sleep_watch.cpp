// SPDX-License-Identifier: GPL-2.0-or-later
#include "parts/sleep_watch.hpp"

#include "config/config_apply.hpp"
#include "engine/deadline.hpp"
#include "engine/monitor.hpp"
#include "exit_status.hpp"
#include "jack_server/error.hpp"
#include "log.hpp"
#include "process/device_reservation.hpp"

#include <fmt/format.h>
#include <variant>

namespace jack_server::detail {

namespace {

constexpr const char* asleep_reason = "the machine is going to sleep";

// Whether the master already runs what a suspend would switch to (dummy as
// the master and as the fallback): then there is no card to leave.
bool runs_fallback(const PluginConfig& driver, const Fallback& fallback) {
    if (driver.name != fallback.driver)
        return false;
    auto device = driver.params.find("device");
    if (device == driver.params.end())
        return !fallback.device;
    const auto* text = std::get_if<std::string>(&device->second.value);
    return text && fallback.device && *text == *fallback.device;
}

} // namespace

SleepWatch::SleepWatch(std::unique_ptr<Logind> logind, Server& server, Monitor& monitor,
                       Parts& parts, SessionBusReservation* reservation, Config running,
                       Fallback fallback, const Limits& limits,
                       std::chrono::milliseconds switch_timeout)
    : logind_(std::move(logind)), server_(server), monitor_(monitor), parts_(parts),
      reservation_(reservation), running_(std::move(running)), fallback_(std::move(fallback)),
      switch_timeout_(switch_timeout),
      // No hold: a resume is not a card that comes and goes.
      watch_(limits.card_probe, limits.card_probe_deadline, std::chrono::milliseconds(0)) {}

std::optional<Outcome> SleepWatch::on_tick(Clock::time_point now) {
    for (bool sleeping : logind_->sleep_signals()) {
        if (sleeping && !asleep_) {
            if (auto outcome = sleep())
                return outcome;
        } else if (!sleeping && asleep_)
            wake(now);
    }
    if (card_ && !asleep_)
        return return_to_card(now);
    return std::nullopt;
}

std::optional<Outcome> SleepWatch::sleep() {
    asleep_ = true;
    // A card the card keeper already left (lost before) is its to return to;
    // one not returned to since the last resume is still ours; a master on
    // dummy has none.
    bool on_card = !on_fallback_ && !card_ && !runs_fallback(running_.driver, fallback_);
    if (on_card)
        card_ = running_.driver;
    watching_ = false;
    auto asleep = running_;
    if (on_card) {
        log::info("suspend: switching to {} until the resume", fallback_.text());
        Deadline deadline(switch_timeout_, exit_tempfail, "switch to the fallback for a suspend");
        try {
            switch_to_fallback(server_, fallback_, monitor_.sample_rate(), monitor_.period(),
                               monitor_.client());
        } catch (const Error& e) {
            return Outcome{exit_tempfail,
                           fmt::format("the switch to {} for a suspend failed: {}",
                                       fallback_.text(), e.what()),
                           true};
        }
        asleep = on_fallback(running_, fallback_);
    }
    parts_.change({Change::Cause::sleep, asleep, on_card, device_opened(server_), asleep_reason});
    if (reservation_)
        reservation_->release_all();
    logind_->release_inhibitor();
    log::info("suspend: ready to sleep, on {}", describe(server_));
    return std::nullopt;
}

void SleepWatch::wake(Clock::time_point now) {
    asleep_ = false;
    log::info("resumed");
    if (!logind_->inhibit())
        log::warn("suspend watch: logind gave no inhibitor after the resume; the next "
                  "suspend is not prepared for");
    if (card_)
        watching_ = watch_.lost(*card_, setup(*card_), now);
    // Extra cards come back at once; the master when its card runs.
    parts_.change({Change::Cause::wake, running_, false, device_opened(server_), {}});
}

std::optional<Outcome> SleepWatch::return_to_card(Clock::time_point now) {
    // An alsa card returns once a probe finds it running; another at once.
    if (watching_ && !watch_.back(now))
        return std::nullopt;
    auto [returned, ending] = switch_to_card(server_, running_, *card_, switch_timeout_,
                                             "return to the card after a resume");
    if (ending)
        return ending;
    if (!returned.error.empty()) {
        log::warn("after the resume, the card is not back yet: {}", returned.error);
        watching_ = watch_.lost(*card_, setup(*card_), Clock::now());
        if (!watching_) {
            log::warn("after the resume, driver {}'s device cannot be watched: staying on {}; "
                      "reload or restart to go back to it",
                      card_->name, fallback_.text());
            card_.reset();
        }
        return std::nullopt;
    }
    card_.reset();
    watch_.returned(Clock::now());
    parts_.change({Change::Cause::card_back, returned.running, true, device_opened(server_), {}});
    log::info("back on the card after the resume: {}", describe(server_));
    return std::nullopt;
}

void SleepWatch::on_change(const Change& change) {
    running_ = change.running;
    if (change.cause == Change::Cause::fallback)
        on_fallback_ = true;
    else if (change.driver_switched && change.cause != Change::Cause::sleep)
        on_fallback_ = false;
    // A reload that switched the driver chose what runs: nothing to return to.
    if (change.cause == Change::Cause::reload && change.driver_switched && card_ && !asleep_)
        card_.reset();
}

PcmSetup SleepWatch::setup(const PluginConfig& card) const {
    return probe_setup(card, monitor_.sample_rate(), monitor_.period());
}

} // namespace jack_server::detail
