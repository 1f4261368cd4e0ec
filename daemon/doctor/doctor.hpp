// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "doctor/finding.hpp"

#include <string>

namespace jack_server {
class Server;
}

namespace jack_server::detail {

// --doctor: the machine as JACK will see it with config (a command line, a
// config file; its driver may be empty): the libjackserver and its plugins,
// realtime and memory-lock limits against -P and --port-max, the audio
// group, /dev/shm, the server registry, desktop sound servers, the cards and
// who holds them, and the driver's devices (they exist, open, take the rate
// and the period, have mmap). Opens each device for a moment; starts no
// server. Never throws for what it finds.
Findings examine(const Server& server, const Config& config);

// What can be examined when the libjackserver found cannot run a server
// (PipeWire's stub): that, as a failure, and the machine's findings that need
// no server.
Findings examine_without_library(const std::string& refusal);

} // namespace jack_server::detail
