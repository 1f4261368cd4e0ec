// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/explanations.hpp"

#include <fmt/format.h>

namespace jack_server::detail {

// /dev/snd's nodes are for group audio and, through logind's ACLs, for the
// user at the seat: a login over ssh or a service has neither unless in the
// group.
std::string explain_no_permission(const std::string& device, const SessionSetting& setting) {
    auto fix = setting.listed_in_audio && !setting.session_in_audio
                   ? fmt::format("{} is in group audio in /etc/group but this session is not: "
                                 "log out and in again (or run newgrp audio)",
                                 setting.user)
                   : fmt::format("add {} to group audio (usermod -aG audio {}), then log out and "
                                 "in again, or start it from the desktop's own session",
                                 setting.user, setting.user);
    return fmt::format("no permission to open '{}' (its device nodes in /dev/snd are for group "
                       "audio and the user at the seat); {}",
                       device, fix);
}

} // namespace jack_server::detail
