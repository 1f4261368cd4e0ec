// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/explanations.hpp"
#include "explain/process_command.hpp"

#include <fmt/format.h>

namespace jack_server::detail {

std::string explain_name_in_use(const std::string& name, const RegistrySlot& holder) {
    auto command = command_of_pid(holder.pid);
    return fmt::format("the server name '{}' is in use by pid {}{}; choose another with -n NAME "
                       "(or --unique-name), or stop that server (kill {})",
                       name, holder.pid, command.empty() ? "" : " (" + command + ")", holder.pid);
}

} // namespace jack_server::detail
