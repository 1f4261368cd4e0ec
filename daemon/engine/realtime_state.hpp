// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <optional>
#include <string>

namespace jack_server {
class Server;
}

namespace jack_server::detail {

// What a server asked to run realtime (-R, the default) got, read from the
// process itself once the engine runs: libjackserver only logs a refusal
// ("Cannot use real-time scheduling", "Cannot lock down ... memory area") and
// carries on without. Empty when the server runs as asked (or was not asked
// for realtime); otherwise the start line's words for what it lacks, with
// the reason and the fix: "not realtime (refused: RLIMIT_RTPRIO is 0 and no
// CAP_SYS_NICE; ...)".
std::optional<std::string> realtime_shortfall(const Server& server);

} // namespace jack_server::detail
