// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/explanations.hpp"

#include <fmt/format.h>

namespace jack_server::detail {

namespace {

// Killing a desktop sound server is no fix: socket activation restarts it.
constexpr const char* how_to_free =
    "free it for JACK with 'pasuspender -- jack-server ...' (PulseAudio), or stop that program "
    "or its service (systemctl --user stop pipewire.socket pipewire pulseaudio.socket "
    "pulseaudio), or wait for it with --wait-device 30s";

} // namespace

std::string describe_holders(const std::vector<PcmHolder>& holders) {
    std::string text;
    pid_t said = 0;
    for (const auto& holder : holders) {
        if (holder.pid == said)
            continue; // the same process on another of the card's devices
        text += fmt::format("{}pid {} ({})", text.empty() ? "" : ", ", holder.pid, holder.command);
        said = holder.pid;
    }
    return text;
}

std::string explain_card_busy(const std::string& device, const std::vector<PcmHolder>& holders,
                              bool can_see_everyone) {
    std::string who;
    if (!holders.empty())
        who = fmt::format("{} {} it open", describe_holders(holders),
                          holders.size() == 1 ? "has" : "have");
    else if (can_see_everyone)
        who = "another program has it open";
    else
        who = "another user's program has it open (only root sees whose)";
    return fmt::format("the card of '{}' is busy: {}; {}", device, who, how_to_free);
}

std::string explain_reservation_refused(const std::string& refusal) {
    return fmt::format("{}; {}", refusal, how_to_free);
}

} // namespace jack_server::detail
