// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/open_failure.hpp"

#include "explain/driver_line.hpp"
#include "explain/explanations.hpp"
#include "jack_server/parameter_text.hpp"
#include "jack_server/server.hpp"

#include <algorithm>
#include <cerrno>
#include <fmt/format.h>
#include <unistd.h>

namespace jack_server::detail {

namespace {

std::optional<std::string> explain_registry(const std::string& name) {
    auto slots = read_server_registry();
    auto prefix = fmt::format("jack-{}:{}:", ::geteuid(), name);
    auto same = std::find_if(slots.begin(), slots.end(), [&](const RegistrySlot& slot) {
        return slot.alive && slot.prefix == prefix && slot.pid != ::getpid();
    });
    if (same != slots.end())
        return explain_name_in_use(name, *same);
    bool full = std::none_of(slots.begin(), slots.end(),
                             [](const RegistrySlot& slot) { return slot.pid == 0; });
    bool ours = std::any_of(slots.begin(), slots.end(),
                            [&](const RegistrySlot& slot) { return slot.prefix == prefix; });
    if (full && !ours)
        return explain_registry_full(slots);
    return std::nullopt;
}

// The driver's parameter `name` as text (its value, or its default); empty
// when the driver has no such parameter.
std::optional<std::string> setting(const ParameterList& params, std::string_view name) {
    auto parameter = params.find(name);
    if (!parameter)
        return std::nullopt;
    return format_value(parameter->value());
}

unsigned number(const ParameterList& params, std::string_view name, unsigned otherwise) {
    auto text = setting(params, name);
    return text ? unsigned(std::stoul(*text)) : otherwise;
}

// The alsa driver's streams as it configures them: -C and -P alone or with a
// device of their own, else both on -d.
std::vector<std::pair<std::string, PcmWanted>> alsa_streams(const ParameterList& params) {
    auto device = setting(params, "device").value_or("hw:0");
    PcmWanted common;
    common.rate = number(params, "rate", 48000);
    common.period = number(params, "period", 1024);
    auto shorts = params.find("shorts");
    common.shorts = shorts && std::get<bool>(shorts->value());
    std::vector<std::pair<std::string, PcmWanted>> streams;
    auto capture = params.find("capture");
    auto playback = params.find("playback");
    bool both = !(capture && capture->is_set()) && !(playback && playback->is_set());
    // Capture first, as JACK's driver configures them.
    for (const auto& [stream, channels] :
         {std::pair{capture, "inchannels"}, std::pair{playback, "outchannels"}}) {
        if (!stream || !(both || stream->is_set()))
            continue;
        auto wanted = common;
        wanted.playback = stream->name() == "playback";
        wanted.channels = number(params, channels, 0);
        auto own = format_value(stream->value());
        streams.emplace_back(own.empty() || own == "none" ? device : own, wanted);
    }
    return streams;
}

// The processes other than this one with the card's PCM devices open.
std::vector<PcmHolder> holders_of(std::optional<int> card) {
    if (!card)
        return {};
    // Not read_cards: a card ALSA's configuration makes (a plugin) is not in
    // the kernel's list, yet its nodes have holders.
    std::vector<Card> cards(1);
    cards.front().index = *card;
    add_holders(cards, SystemRoots{});
    std::vector<PcmHolder> holders;
    for (const auto& holder : cards.front().holders)
        if (holder.pid != ::getpid())
            holders.push_back(holder);
    return holders;
}

bool device_missing(int error) {
    return error == -ENOENT || error == -ENODEV || error == -ENXIO || error == -EINVAL;
}

std::optional<std::string> explain_stream(const std::string& device, const PcmWanted& wanted,
                                          const Driver& driver) {
    auto facts = pcm_facts(device, wanted);
    if (!facts)
        return std::nullopt;
    if (facts->open_error == -EBUSY)
        return explain_card_busy(device, holders_of(card_of_device(device)), ::geteuid() == 0);
    if (device_missing(facts->open_error))
        return explain_no_device(device, read_cards(SystemRoots{}));
    if (facts->open_error == -EACCES || facts->open_error == -EPERM)
        return explain_no_permission(device, session_setting());
    if (facts->open_error != 0)
        return std::nullopt;
    if (!facts->mmap)
        return explain_no_mmap(device);
    return explain_unsupported(device, wanted, *facts, DriverLine(driver));
}

std::optional<std::string> explain_alsa(const Driver& driver) {
    for (const auto& [device, wanted] : alsa_streams(driver.params()))
        if (auto why = explain_stream(device, wanted, driver))
            return why;
    return std::nullopt;
}

} // namespace

std::optional<std::string> explain_open_failure(const Server& server) noexcept {
    try {
        if (auto why = explain_registry(server.name()))
            return why;
        auto driver = server.driver();
        if (driver.name() == "alsa")
            return explain_alsa(driver);
    } catch (const std::exception&) {
        // An explanation that cannot be found leaves JACK's own reasons.
    }
    return std::nullopt;
}

} // namespace jack_server::detail
