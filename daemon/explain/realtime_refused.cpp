// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/realtime_refused.hpp"

#include <fmt/format.h>

namespace jack_server::detail {

std::string explain_realtime_fix(const SessionSetting& setting) {
    constexpr const char* without = "or -r to run without realtime";
    if (setting.unit)
        return fmt::format("add LimitRTPRIO=95 and LimitMEMLOCK=infinity under [Service] in {} "
                           "(systemctl edit), {}",
                           *setting.unit, without);
    std::string limits = setting.limits_for_audio
                             ? ""
                             : "add '@audio - rtprio 95' and '@audio - memlock unlimited' to a "
                               "file in /etc/security/limits.d/, ";
    if (setting.listed_in_audio && !setting.session_in_audio)
        return fmt::format("{} is in group audio in /etc/group but this session is not: {}log "
                           "out and in again (or run newgrp audio), {}",
                           setting.user, limits, without);
    if (!setting.listed_in_audio)
        return fmt::format("{}add {} to group audio ({}usermod -aG audio {}), then log out and "
                           "in again, {}",
                           limits, setting.user, setting.audio_group ? "" : "groupadd audio; ",
                           setting.user, without);
    return fmt::format("{}then log out and in again (the limits apply at login), {}",
                       limits.empty() ? "group audio has a realtime limit in limits.d but this "
                                        "session has not; "
                                      : limits,
                       without);
}

} // namespace jack_server::detail
