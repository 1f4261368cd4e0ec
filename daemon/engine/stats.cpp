// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/stats.hpp"

#include "engine/engine_state.hpp"
#include "process/replace_file.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace jack_server::detail {

namespace {

std::uint64_t times_late(const std::vector<LateClient>& clients) {
    std::uint64_t times = 0;
    for (const auto& client : clients)
        times += client.times;
    return times;
}

} // namespace

Stats::Stats(std::string driver, std::optional<std::string> device)
    : driver_(std::move(driver)), device_(std::move(device)) {}

void Stats::sample(EngineState& engine) {
    cycles_ = engine.cycles();
    late_ = engine.late_clients();
    // JACK logs a late client at once, but notifies the xrun through its
    // notification thread, which a stopped client holds up: each late client
    // is an xrun already.
    xruns_ = std::max(engine.xruns(), times_late(late_));
    rate_ = engine.sample_rate();
    period_ = engine.period();
    load_ = engine.dsp_load();
    load_max_ = std::max(load_max_, load_);
    load_sum_ += load_;
    ++samples_;
}

void Stats::on_fallback(std::string driver, std::optional<std::string> device, std::string lost) {
    driver_ = std::move(driver);
    device_ = std::move(device);
    fallback_ = OnFallback{std::chrono::steady_clock::now(), std::move(lost)};
}

void Stats::on_card(std::string driver, std::optional<std::string> device) {
    driver_ = std::move(driver);
    device_ = std::move(device);
    fallback_.reset();
}

std::string Stats::driver_text() const {
    auto text = driver_ + (device_ ? ", device " + *device_ : "");
    if (!fallback_)
        return text;
    std::chrono::duration<double> since = std::chrono::steady_clock::now() - fallback_->since;
    return fmt::format("{} (on fallback for {:.1f} s: {})", text, since.count(), fallback_->lost);
}

std::uint64_t Stats::driver_xruns() const {
    return xruns_ - times_late(late_);
}

std::string Stats::xruns_text() const {
    if (late_.empty())
        return fmt::format("xruns {}", xruns_);
    std::vector<std::string> late;
    for (const auto& client : late_)
        late.push_back(fmt::format("{} {}", client.name, client.times));
    return fmt::format("xruns {} (late: {}; driver {})", xruns_, fmt::join(late, ", "),
                       driver_xruns());
}

std::chrono::duration<double> Stats::uptime() const {
    return std::chrono::steady_clock::now() - started_;
}

std::string Stats::line() const {
    auto text = fmt::format("uptime {:.1f} s, driver {}, rate {} Hz, period {} frames, cycles {}, "
                            "{}, DSP load {:.1f} % (max {:.1f} %)",
                            uptime().count(), driver_text(), rate_, period_, cycles_, xruns_text(),
                            load_, load_max_);
    if (!unmatched_.empty())
        text += fmt::format("; unmatched connect {}", fmt::join(unmatched_, ", "));
    return text + cards_text(6);
}

std::uint64_t Stats::card_xruns(const CardFigure& card) const {
    std::uint64_t xruns = card.restarts;
    for (const auto& client : late_)
        if (std::find(card.clients.begin(), card.clients.end(), client.name) != card.clients.end())
            xruns += client.times;
    return xruns;
}

std::string Stats::cards_text(int ratio_decimals) const {
    if (cards_.empty())
        return {};
    auto ratio = [&](const char* side, const std::optional<double>& value) {
        return value ? fmt::format("{}ratio {:.{}f}, ", side, *value, ratio_decimals)
                     : std::string();
    };
    std::vector<std::string> each;
    for (const auto& card : cards_) {
        // A card with both sides names each side's ratio.
        bool both = card.capture_ratio && card.playback_ratio;
        each.push_back(
            fmt::format("{} {} ({}{}xruns {})", card.name, card.present ? "present" : "away",
                        ratio(both ? "capture " : "", card.capture_ratio),
                        ratio(both ? "playback " : "", card.playback_ratio), card_xruns(card)));
    }
    return fmt::format("; cards {}", fmt::join(each, ", "));
}

std::string Stats::status() const {
    // No ever-changing figure: systemd logs each new STATUS=.
    return fmt::format("{}driver {}{}, rate {} Hz, period {} frames, {}",
                       fallback_ ? "on fallback: " : "", driver_,
                       device_ ? ", device " + *device_ : "", rate_, period_, xruns_text()) +
           cards_text(4);
}

void Stats::write_json(const std::string& path, int exit_status) const {
    auto late = nlohmann::json::object();
    for (const auto& client : late_)
        late[client.name] = client.times;
    nlohmann::json figures{
        {"uptime_s", uptime().count()},
        {"cycles", cycles_},
        {"xruns", xruns_},
        {"xruns_late", late},
        {"xruns_driver", driver_xruns()},
        {"dsp_load_max", load_max_},
        {"dsp_load_avg", samples_ > 0 ? load_sum_ / static_cast<double>(samples_) : 0.0},
        {"rate", rate_},
        {"period", period_},
        {"exit_status", exit_status},
        {"on_fallback", fallback_.has_value()},
        {"connect_unmatched", unmatched_},
        {"cards", nlohmann::json::array()},
    };
    auto ratio = [](const std::optional<double>& value) {
        return value ? nlohmann::json(*value) : nlohmann::json();
    };
    for (const auto& card : cards_)
        figures["cards"].push_back(
            {{"name", card.name},
             {"device", card.device},
             {"present", card.present},
             {"attached", card.attached},
             {"ratio",
              {{"capture", ratio(card.capture_ratio)}, {"playback", ratio(card.playback_ratio)}}},
             {"xruns", card_xruns(card)},
             {"restarts", card.restarts}});
    replace_file(path, figures.dump(2) + "\n", "stats file");
}

} // namespace jack_server::detail
