// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <optional>
#include <string>

namespace jack_server {
class Server;
}

namespace jack_server::detail {

// Why the server that just failed to open did not: the cause and the fix as
// one line's words (explanations.hpp), found by asking the machine what JACK
// met (its registry of servers, the ALSA device with the driver's settings).
// Empty when none of the common failures is found; JACK's own reasons then
// stand. Call it after the failed open, JACK's device closed. Throws nothing.
std::optional<std::string> explain_open_failure(const Server& server) noexcept;

} // namespace jack_server::detail
