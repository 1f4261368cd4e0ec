// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "jack_server/server.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace jack_server::detail {

// JACK2's registry of servers: the header of the shared memory segment
// /dev/shm/jack-shm-registry (common/shm.h, jack_shm_header_t) holds a fixed
// array of MAX_SERVERS slots, each a pid and "jack-UID:NAME:". A slot whose pid
// is 0 is free (JACK names users by effective uid); a slot of a process that is gone is reclaimed
// only by a server of the same user and name (jack_register_server).
inline constexpr std::size_t registry_slots = 8;
inline constexpr const char* registry_path = "/dev/shm/jack-shm-registry";

struct RegistrySlot {
    pid_t pid = 0;
    std::string prefix; // "jack-1000:default:"
    bool alive = false; // the pid names a running process (of any user)
};

// The registry's slots; all free when there is no registry yet. Throws
// nothing: a registry it cannot read or does not recognise reads as all free,
// and libjackserver's own refusal then decides.
std::vector<RegistrySlot> read_server_registry(const std::string& path = registry_path);

// The first of "BASE-1", "BASE-2", ... that no running server of this user
// holds and that libjackserver can register: there is a free slot, or the
// name's own slot was left by a server that is gone. Throws
// ServerNotOpenedError when every slot is held and none can be reclaimed.
std::string choose_unique_name(const std::string& base, const std::vector<RegistrySlot>& slots,
                               uid_t uid);

// --unique-name: sets the server's name to choose_unique_name(the server's
// name now) and calls open; when open fails because a server started under the
// same name meanwhile (a parallel job took it), tries the next. Returns what
// open returns. Throws what choose_unique_name and open throw.
bool open_under_unique_name(Server& server, const std::function<bool()>& open,
                            const std::string& path = registry_path);

} // namespace jack_server::detail
