// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/explanations.hpp"
#include "explain/process_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace jack_server::detail {

namespace {

// "jack-1000:studio:" -> "'studio'", with " of uid 1000" when another user's.
std::string server_of(const std::string& prefix) {
    auto first = prefix.find(':');
    auto last = prefix.rfind(':');
    if (!prefix.starts_with("jack-") || first == std::string::npos || first == last)
        return "'" + prefix + "'";
    auto uid = prefix.substr(5, first - 5);
    return fmt::format("'{}'{}", prefix.substr(first + 1, last - first - 1),
                       uid == std::to_string(::geteuid()) ? "" : " of uid " + uid);
}

// The program's name alone: "/usr/bin/jackd -d alsa" -> "jackd".
std::string program_of(pid_t pid) {
    auto command = command_of_pid(pid);
    command = command.substr(0, command.find(' '));
    return command.substr(command.rfind('/') + 1);
}

} // namespace

std::string explain_registry_full(const std::vector<RegistrySlot>& slots) {
    std::string listed;
    bool stale = false;
    for (const auto& slot : slots) {
        auto program = slot.alive ? program_of(slot.pid) : std::string("gone");
        listed += fmt::format("{}{} (pid {}{})", listed.empty() ? "" : ", ", server_of(slot.prefix),
                              slot.pid, program.empty() ? "" : " " + program);
        stale = stale || !slot.alive;
    }
    return fmt::format("JACK's registry of servers is full, its limit of {} servers is reached: "
                       "{}; stop one of them{}",
                       slots.size(), listed,
                       stale ? ", or start one named as a gone one (its slot is then reused)" : "");
}

} // namespace jack_server::detail
