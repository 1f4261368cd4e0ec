// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "doctor/finding.hpp"

#include <cstdint>
#include <string>

namespace jack_server {
class Catalog;
}

namespace jack_server::detail {

// What JACK2 (1.9.21) locks and puts in /dev/shm for its engine, in KiB:
// measured as VmLck and /dev/shm's use of a dummy server at port-max 128,
// 256, 1024 and 2048 (41460, 45684, 71040, 104844 KiB locked): about 36 MiB
// and one 32 KiB buffer (8192 frames of float) a port.
std::uint64_t engine_memory_kib(std::uint32_t port_max);

// The libjackserver file loaded and what it offers.
Finding check_library(const Catalog& catalog);
// Realtime at priority (-P), when asked for (-R, the default).
Finding check_realtime(bool realtime, int priority);
// RLIMIT_MEMLOCK against what the engine locks at port_max (realtime only:
// JACK locks only then).
Finding check_memory_lock(bool realtime, std::uint32_t port_max);
// The audio group in /etc/group against this session's groups.
Finding check_groups(bool realtime_refused);
// /dev/shm: there, writable, room for the engine.
Finding check_shm(std::uint32_t port_max);
// JACK's server registry: the name free, a slot free, stale entries.
Findings check_registry(const std::string& server_name);
// PulseAudio or PipeWire running (processes, session bus names); a warning
// only for a driver that opens cards (alsa).
Finding check_desktop(bool opens_cards);

} // namespace jack_server::detail
