// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/explanations.hpp"
#include "explain/process_command.hpp"

#include <fmt/format.h>

namespace jack_server::detail {

namespace {

// "jack-1000:studio:" -> "'studio' of uid 1000".
std::string server_of(const std::string& prefix) {
    auto first = prefix.find(':');
    auto last = prefix.rfind(':');
    if (!prefix.starts_with("jack-") || first == std::string::npos || first == last)
        return "'" + prefix + "'";
    return fmt::format("'{}' of uid {}", prefix.substr(first + 1, last - first - 1),
                       prefix.substr(5, first - 5));
}

} // namespace

std::string explain_registry_full(const std::vector<RegistrySlot>& slots) {
    std::string listed;
    bool stale = false;
    for (const auto& slot : slots) {
        auto command = slot.alive ? command_of_pid(slot.pid) : std::string("gone");
        listed += fmt::format("{}{} pid {}{}", listed.empty() ? "" : ", ", server_of(slot.prefix),
                              slot.pid, command.empty() ? "" : " (" + command + ")");
        stale = stale || !slot.alive;
    }
    return fmt::format("JACK's registry of servers is full, {} servers: {}; stop one of them{}",
                       slots.size(), listed,
                       stale ? ", or start one named as a gone one (its slot is then reused)" : "");
}

} // namespace jack_server::detail
