// SPDX-License-Identifier: GPL-2.0-or-later
#include "parts/card_keeper.hpp"

#include "config/config_apply.hpp"
#include "engine/deadline.hpp"
#include "engine/monitor.hpp"
#include "exit_status.hpp"
#include "jack_server/error.hpp"
#include "log.hpp"
#include "process/device_reservation.hpp"

#include <fmt/format.h>

namespace jack_server::detail {

CardKeeper::CardKeeper(Server& server, Monitor& monitor, Parts& parts,
                       SessionBusReservation* reservation, Config running, Fallback fallback,
                       const Limits& limits, std::chrono::milliseconds switch_timeout,
                       std::chrono::milliseconds return_hold)
    : server_(server), monitor_(monitor), parts_(parts), reservation_(reservation),
      running_(std::move(running)), fallback_(std::move(fallback)), switch_timeout_(switch_timeout),
      probe_deadline_(limits.card_probe_deadline),
      watch_(limits.card_probe, limits.card_probe_deadline, return_hold) {}

std::optional<Outcome> CardKeeper::on_wake() {
    auto lost = monitor_.device_lost();
    if (!lost)
        return std::nullopt;
    return fall_back(*lost);
}

std::optional<Outcome> CardKeeper::fall_back(const std::string& lost) {
    log::warn("the device was lost: {}; switching to the fallback {}", lost, fallback_.text());
    {
        Deadline deadline(switch_timeout_, exit_tempfail, "switch to the fallback");
        if (reservation_)
            reservation_->release_all();
        try {
            switch_to_fallback(server_, fallback_, monitor_.sample_rate(), monitor_.period(),
                               monitor_.client());
        } catch (const Error& e) {
            return Outcome{exit_tempfail,
                           fmt::format("the device was lost: {}; the fallback {} failed too: {}",
                                       lost, fallback_.text(), e.what()),
                           true};
        }
    }
    monitor_.forget_device_lost();
    lost_card_ = running_.driver;
    if (!watch_.lost(*lost_card_, setup(*lost_card_), Clock::now()))
        log::info("fallback: driver {}'s device cannot be watched; reload or restart to go "
                  "back to it",
                  lost_card_->name);
    parts_.change({Change::Cause::fallback, on_fallback(running_, fallback_), true,
                   device_opened(server_), lost});
    log::info("on fallback: {}", describe(server_));
    return std::nullopt;
}

std::optional<Outcome> CardKeeper::on_tick(Clock::time_point now) {
    if (!lost_card_ || !watch_.back(now))
        return std::nullopt;
    log::info("the card is back: returning to driver {}", lost_card_->name);
    auto [returned, ending] =
        switch_to_card(server_, running_, *lost_card_, switch_timeout_, "return to the card");
    if (ending)
        return ending;
    if (!returned.error.empty()) {
        log::warn("the card is not back yet: {}", returned.error);
        watch_.lost(*lost_card_, setup(*lost_card_), Clock::now());
        return std::nullopt;
    }
    lost_card_.reset();
    watch_.returned(Clock::now());
    parts_.change({Change::Cause::card_back, returned.running, true, device_opened(server_), {}});
    log::info("back on the card: {}", describe(server_));
    return std::nullopt;
}

void CardKeeper::on_reload_wanted(Config& wanted) {
    if (!lost_card_ || wanted.driver.name != lost_card_->name)
        return;
    auto devices = probe_devices(wanted.driver);
    if (devices.empty() || all_run(devices, setup(wanted.driver), probe_deadline_))
        return;
    // Switching to a card that does not run would leave the engine without a
    // driver: stay on the fallback, and return to the card as now configured.
    log::warn("reload: driver {}'s device does not run yet: staying on the fallback, to "
              "return to it with the new settings once it does",
              wanted.driver.name);
    lost_card_ = wanted.driver;
    watch_.lost(*lost_card_, setup(*lost_card_), Clock::now());
    wanted.driver = running_.driver;
}

PcmSetup CardKeeper::setup(const PluginConfig& card) const {
    return probe_setup(card, monitor_.sample_rate(), monitor_.period());
}

void CardKeeper::on_change(const Change& change) {
    running_ = change.running;
    if (change.cause != Change::Cause::reload || !change.driver_switched || !lost_card_)
        return;
    // The reload switched to a driver that runs: the fallback is over.
    lost_card_.reset();
    watch_.returned(Clock::now());
    log::info("back on the card: {}", describe(server_));
}

} // namespace jack_server::detail
