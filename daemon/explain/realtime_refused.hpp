// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "explain/session_setting.hpp"

#include <string>

namespace jack_server::detail {

// The fix, for where the process runs: the unit's LimitRTPRIO= and
// LimitMEMLOCK= lines; a group added but not in this session (log in
// again); the limits.d lines; joining group audio; and -r in every case.
std::string explain_realtime_fix(const SessionSetting& setting);

} // namespace jack_server::detail
