// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <optional>
#include <string>

namespace jack_server::detail {

// What this session is to the system, beside its limits (realtime_state.hpp
// reads those): who, in which systemd unit, in which groups, and whether
// limits.d gives group audio an rtprio. What may open a card or run
// realtime depends on it.
struct SessionSetting {
    std::string user;                // "alice"
    std::optional<std::string> unit; // the systemd unit it runs in: "jack-server.service"
    bool audio_group = false;        // /etc/group has a group audio
    bool listed_in_audio = false;    // the user is a member in /etc/group
    bool session_in_audio = false;   // and this process has it (getgroups)
    bool limits_for_audio = false;   // limits.conf or limits.d give @audio an rtprio
};

// Read from this process and /etc. Throws nothing.
SessionSetting session_setting();

} // namespace jack_server::detail
