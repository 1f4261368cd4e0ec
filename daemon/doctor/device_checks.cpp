// SPDX-License-Identifier: GPL-2.0-or-later
#include "doctor/device_checks.hpp"

#include "cards/bus_names.hpp"
#include "cards/device_identity.hpp"
#include "cards/pcm_capabilities.hpp"
#include "jack_server/parameter_text.hpp"
#include "parts/pcm_probe.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <regex>

namespace jack_server::detail {

namespace {

using Level = Finding::Level;

std::string card_text(const Card& card) {
    return fmt::format("{} ({})", card.name, identity_text(card));
}

// "pulseaudio[812], reserved by PulseAudio"; empty when nobody holds it.
std::string holders_text(const Card& card, const std::optional<BusOwner>& reservation) {
    std::vector<std::string> each;
    for (const auto& holder : card.holders) {
        auto text = fmt::format("{}[{}]", holder.command, holder.pid);
        if (std::find(each.begin(), each.end(), text) == each.end())
            each.push_back(std::move(text));
    }
    if (reservation)
        each.push_back("reserved by " + reservation->application);
    return fmt::format("{}", fmt::join(each, ", "));
}

struct Wanted {
    std::string device; // as given: hw:1, usb:..., mycard
    bool playback = true;
};

std::string text_param(const PluginConfig& driver, const char* name) {
    auto found = driver.params.find(name);
    return found == driver.params.end() ? std::string() : format_value(found->second.value);
}

// What JACK's alsa driver opens: -P and -C when given (alone, or "none", the
// main device), both directions of -d when neither is.
std::vector<Wanted> wanted_devices(const PluginConfig& driver) {
    auto main = text_param(driver, "device");
    if (main.empty())
        main = "hw:0";
    bool playback = driver.params.contains("playback"), capture = driver.params.contains("capture");
    if (!playback && !capture)
        return {{main, true}, {main, false}};
    std::vector<Wanted> wanted;
    auto device_of = [&](const char* name) {
        auto value = text_param(driver, name);
        return value.empty() || value == "none" ? main : value;
    };
    if (playback)
        wanted.push_back({device_of("playback"), true});
    if (capture)
        wanted.push_back({device_of("capture"), false});
    return wanted;
}

struct HwName {
    std::string card; // "1" or "PCH"
    int device = 0;
};

// hw:CARD[,DEV[,SUB]] and plughw:..., the names of kernel cards.
std::optional<HwName> hw_name(const std::string& name) {
    static const std::regex pattern(R"(^(?:plug)?hw:(?:CARD=)?([^,]+)(?:,(?:DEV=)?(\d+))?.*$)");
    std::smatch match;
    if (!std::regex_match(name, match, pattern))
        return std::nullopt;
    return HwName{match[1], match[2].matched ? std::stoi(match[2]) : 0};
}

const Card* find_card(const std::vector<Card>& cards, const std::string& which) {
    for (const auto& card : cards)
        if (std::to_string(card.index) == which || card.id == which)
            return &card;
    return nullptr;
}

std::string cards_there(const std::vector<Card>& cards) {
    std::vector<std::string> each;
    for (const auto& card : cards)
        each.push_back(card.hw() + " " + card_text(card));
    return fmt::format("{}", fmt::join(each, "; "));
}

// The PCM devices of a direction, on every card: "hw:0,3, hw:1,0".
std::string devices_for(const std::vector<Card>& cards, bool playback) {
    std::vector<std::string> each;
    for (const auto& card : cards)
        for (const auto& pcm : card.pcms)
            if (pcm.playback == playback)
                each.push_back(fmt::format("{},{}", card.hw(), pcm.device));
    return each.empty() ? "none" : fmt::format("{}", fmt::join(each, ", "));
}

unsigned suggested_rate(const PcmCapabilities& caps) {
    for (unsigned rate : {48000U, 44100U, 96000U})
        if (rate >= caps.rate_min && rate <= caps.rate_max)
            return rate;
    return caps.rate_min;
}

unsigned long suggested_period(const PcmCapabilities& caps, unsigned long asked) {
    unsigned long period = 1;
    while (period < caps.period_min)
        period *= 2;
    if (asked > caps.period_max) {
        while (period * 2 <= caps.period_max)
            period *= 2;
    }
    return std::min(period, caps.period_max);
}

// The card the name opens exists and has the direction. nullopt when it does.
std::optional<Finding> check_card(const std::string& topic, const std::string& resolved,
                                  bool playback, const std::vector<Card>& cards) {
    auto hw = hw_name(resolved);
    if (!hw)
        return std::nullopt; // an ALSA plugin's name: only opening it tells
    const auto* card = find_card(cards, hw->card);
    if (card == nullptr) {
        if (cards.empty())
            return Finding{
                topic, Level::failure,
                fmt::format("there is no card {}: this machine has no sound card", hw->card),
                "try -d dummy (no card needed), or plug a card in"};
        return Finding{
            topic, Level::failure,
            fmt::format("there is no card {}; the cards: {}", hw->card, cards_there(cards)),
            "name one of them: hw:N, id:CARDID or usb:VENDOR:PRODUCT "
            "(jack-server --list cards)"};
    }
    auto direction = playback ? "playback" : "capture";
    bool has = std::any_of(card->pcms.begin(), card->pcms.end(), [&](const PcmStream& pcm) {
        return pcm.playback == playback && pcm.device == hw->device;
    });
    if (has)
        return std::nullopt;
    return Finding{topic, Level::failure,
                   fmt::format("card {} {} has no {} device {}", card->hw(), card_text(*card),
                               direction, hw->device),
                   fmt::format("{} devices: {}; give -P DEVICE for playback only or -C DEVICE "
                               "for capture only",
                               direction, devices_for(cards, playback))};
}

Finding check_open(const std::string& topic, const std::string& resolved, bool playback,
                   const std::vector<Card>& cards, const BusNames& bus, unsigned rate,
                   unsigned period) {
    auto direction = playback ? "playback" : "capture";
    auto report = probe_pcm(resolved, playback, rate ? std::optional(rate) : std::nullopt,
                            period ? std::optional<unsigned long>(period) : std::nullopt);
    if (!report.capabilities) {
        const Card* card = nullptr;
        if (auto hw = hw_name(resolved))
            card = find_card(cards, hw->card);
        std::optional<BusOwner> reservation =
            card ? bus.card_reservation(card->index) : std::nullopt;
        auto holders = card ? holders_text(*card, reservation) : std::string();
        if (report.error != "Device or resource busy")
            return {topic, Level::failure,
                    fmt::format("does not open for {}: {}", direction, report.error),
                    pcm_probe_built()
                        ? "check the name against 'jack-server --list cards' and 'aplay -L'"
                        : "build jack-server with ALSA (JACK_SERVER_ALSA=ON) to check its "
                          "devices"};
        if (reservation)
            return {topic, Level::warning,
                    fmt::format("busy: held by {}; jack-server asks {} to release it at start",
                                holders, reservation->application),
                    fmt::format("if {} does not let go: pasuspender -- jack-server ..., or stop "
                                "it (systemctl --user stop pipewire.socket pipewire.service)",
                                reservation->application)};
        return {topic, Level::failure,
                fmt::format("busy: held by {}", holders.empty() ? "another process" : holders),
                "stop that program, or run under pasuspender -- jack-server ..., or give "
                "--wait-device 30s to wait until it lets go"};
    }
    const auto& caps = *report.capabilities;
    if (report.rate_ok == false)
        return {topic, Level::failure,
                fmt::format("does not take rate {} (-r) for {}: it takes {}..{}", rate, direction,
                            caps.rate_min, caps.rate_max),
                fmt::format("give -r {}", suggested_rate(caps))};
    if (report.period_ok == false)
        return {topic, Level::failure,
                fmt::format("does not take a period of {} frames (-p) for {}: it takes {}..{}",
                            period, direction, caps.period_min, caps.period_max),
                fmt::format("give -p {}", suggested_period(caps, period))};
    if (!caps.mmap)
        return {topic, Level::failure,
                fmt::format("has no mmap access for {}, which JACK's alsa driver needs", direction),
                hw_name(resolved) && !resolved.starts_with("plug")
                    ? fmt::format("try plug{}, whose plug layer gives mmap access", resolved)
                    : std::string("use a device with mmap access")};
    return {topic,
            Level::ok,
            fmt::format("opens for {} at {} Hz, period {} ({}..{} channels, {}..{} Hz, periods "
                        "{}..{} frames, mmap)",
                        direction, rate, period, caps.channels_min, caps.channels_max,
                        caps.rate_min, caps.rate_max, caps.period_min, caps.period_max),
            {}};
}

} // namespace

Findings check_cards(const std::vector<Card>& cards, const BusNames& bus, bool opens_cards) {
    if (cards.empty())
        return {{"cards",
                 Level::ok,
                 opens_cards ? "this machine has no sound card (an ALSA plugin may still open)"
                             : "this machine has no sound card; this driver needs none",
                 {}}};
    Findings findings;
    for (const auto& card : cards) {
        auto holders = holders_text(card, bus.card_reservation(card.index));
        auto directions = card.has_playback() && card.has_capture() ? "playback+capture"
                          : card.has_playback()                     ? "playback"
                          : card.has_capture()                      ? "capture"
                                                                    : "no PCM device";
        findings.push_back({"card " + card.hw(),
                            Level::ok,
                            fmt::format("{} {}: {}", card_text(card), directions,
                                        holders.empty() ? "free" : "held by " + holders),
                            {}});
    }
    return findings;
}

Findings check_alsa_devices(const PluginConfig& driver, const std::vector<Card>& cards,
                            const BusNames& bus, unsigned rate, unsigned period) {
    Findings findings;
    for (const auto& wanted : wanted_devices(driver)) {
        auto topic =
            fmt::format("device {} ({})", wanted.device, wanted.playback ? "playback" : "capture");
        std::string resolved;
        try {
            resolved = resolve_device(wanted.device);
        } catch (const Error& e) {
            findings.push_back({topic, Level::failure, e.what(), e.hint()});
            continue;
        }
        if (resolved != wanted.device)
            topic = fmt::format("device {} = {} ({})", wanted.device, resolved,
                                wanted.playback ? "playback" : "capture");
        if (auto missing = check_card(topic, resolved, wanted.playback, cards)) {
            // A card that is not there is said once, not for each direction.
            bool said = !findings.empty() && findings.back().said == missing->said;
            if (said)
                findings.back().topic = "device " + wanted.device;
            else
                findings.push_back(*missing);
            continue;
        }
        findings.push_back(check_open(topic, resolved, wanted.playback, cards, bus, rate, period));
    }
    return findings;
}

} // namespace jack_server::detail
