// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace jack_server {
class Server;
}

namespace jack_server::detail {

// A card that does not take the rate asked makes JACK's alsa driver run at
// the nearest it takes, with only "sample rate in use ... does not match"
// to say so. When the engine runs at another rate than asked: which, why,
// and the command line that asks for it. Empty otherwise. Throws nothing.
std::optional<std::string> explain_rate_taken(const Server& server, std::uint32_t running) noexcept;

} // namespace jack_server::detail
