// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "part.hpp"

#include <chrono>

namespace jack_server::detail {

class EventLoop;

// The daemon's main loop, while the server runs: waits on the event loop and
// hands each signal, wake-up from JACK's threads and tick (every
// tick_interval) to the parts, in their order, until one of them ends the
// run with an Outcome. Throws std::system_error.
Outcome run_until_stopped(EventLoop& loop, Parts& parts, std::chrono::milliseconds tick_interval);

} // namespace jack_server::detail
