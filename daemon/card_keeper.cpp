// SPDX-License-Identifier: GPL-2.0-or-later
#include "card_keeper.hpp"

#include "config/config_apply.hpp"
#include "deadline.hpp"
#include "device_reservation.hpp"
#include "exit_status.hpp"
#include "jack_server/error.hpp"
#include "monitor.hpp"
#include "notifier.hpp"
#include "reload.hpp"
#include "stats.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace jack_server::detail {

namespace {

using Clock = std::chrono::steady_clock;

} // namespace

CardKeeper::CardKeeper(Parts parts, Fallback fallback, const Limits& limits,
                       std::chrono::milliseconds switch_timeout,
                       std::chrono::milliseconds return_hold)
    : parts_(std::move(parts)), fallback_(std::move(fallback)), switch_timeout_(switch_timeout),
      watch_(limits.card_probe, return_hold) {}

std::optional<std::string> CardKeeper::fall_back(const std::string& lost) {
    spdlog::warn("the device was lost: {}; switching to the fallback {}", lost, fallback_.text());
    Deadline deadline(switch_timeout_, exit_tempfail, "switch to the fallback");
    if (parts_.reservation)
        parts_.reservation->release_all();
    try {
        switch_to_fallback(parts_.server, fallback_, parts_.monitor.sample_rate(),
                           parts_.monitor.period(), parts_.monitor.client());
    } catch (const Error& e) {
        server_lost_ = true;
        return fmt::format("the device was lost: {}; the fallback {} failed too: {}", lost,
                           fallback_.text(), e.what());
    }
    lost_card_ = parts_.running.driver;
    if (!watch_.lost(*lost_card_, Clock::now()))
        spdlog::info("fallback: driver {}'s device cannot be watched; reload or restart to go "
                     "back to it",
                     lost_card_->name);
    // What runs now: a reload back to the configured card is then a change.
    parts_.running.driver = {fallback_.driver, {}};
    if (fallback_.device)
        parts_.running.driver.params["device"] = {*fallback_.device, "--fallback"};
    parts_.stats.on_fallback(fallback_.driver, fallback_.device, lost);
    parts_.notifier.status(parts_.stats.status());
    spdlog::info("on fallback: {}", describe(parts_.server));
    return std::nullopt;
}

bool CardKeeper::tick() {
    if (!lost_card_ || !watch_.back(Clock::now()))
        return true;
    spdlog::info("the card is back: returning to driver {}", lost_card_->name);
    Deadline deadline(switch_timeout_, exit_tempfail, "return to the card");
    auto wanted = parts_.running;
    wanted.driver = *lost_card_;
    auto returned = reload(parts_.server, parts_.running, wanted);
    if (returned.server_lost) {
        server_lost_ = true;
        spdlog::error("the return to the card failed: {}", returned.error);
        return false;
    }
    if (!returned.error.empty()) {
        spdlog::warn("the card is not back yet: {}", returned.error);
        watch_.lost(*lost_card_, Clock::now());
        return true;
    }
    parts_.running = std::move(returned.running);
    parts_.keep_connections(parts_.running);
    back_on_card();
    return true;
}

void CardKeeper::before_reload(Config& wanted) {
    if (!lost_card_ || wanted.driver.name != lost_card_->name)
        return;
    auto devices = probe_devices(wanted.driver);
    if (devices.empty() || all_open(devices))
        return;
    // Switching to a card that does not open would leave the engine without a
    // driver: stay on the fallback, and return to the card as now configured.
    spdlog::warn("reload: driver {}'s device does not open yet: staying on the fallback, to "
                 "return to it with the new settings once it does",
                 wanted.driver.name);
    lost_card_ = wanted.driver;
    watch_.lost(*lost_card_, Clock::now());
    wanted.driver = parts_.running.driver;
}

void CardKeeper::reloaded(const ReloadResult& result) {
    bool switched = std::any_of(result.applied.begin(), result.applied.end(),
                                [](const auto& change) { return change.starts_with("driver "); });
    if (lost_card_ && !result.server_lost && switched)
        back_on_card();
}

void CardKeeper::back_on_card() {
    lost_card_.reset();
    watch_.returned(Clock::now());
    parts_.stats.on_card(parts_.server.driver().name(), device_opened(parts_.server));
    parts_.notifier.status(parts_.stats.status());
    spdlog::info("back on the card: {}", describe(parts_.server));
}

} // namespace jack_server::detail
