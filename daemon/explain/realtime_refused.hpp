// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <optional>
#include <string>

namespace jack_server::detail {

// What decides whether this process may run realtime and lock memory, beside
// its limits (realtime_state.hpp reads those).
struct RealtimeSetting {
    std::string user;                // "alice"
    std::optional<std::string> unit; // the systemd unit it runs in: "jack-server.service"
    bool audio_group = false;        // /etc/group has a group audio
    bool listed_in_audio = false;    // the user is a member in /etc/group
    bool session_in_audio = false;   // and this process has it (getgroups)
    bool limits_for_audio = false;   // limits.conf or limits.d give @audio an rtprio
};

// Read from this process and /etc. Throws nothing.
RealtimeSetting realtime_setting();

// The fix, for where the process runs: the unit's LimitRTPRIO= and
// LimitMEMLOCK= lines; a group added but not in this session (log in
// again); the limits.d lines; joining group audio; and -r in every case.
std::string explain_realtime_fix(const RealtimeSetting& setting);

} // namespace jack_server::detail
