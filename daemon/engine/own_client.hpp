// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <jack/types.h>
#include <string>

namespace jack_server::detail {

// Opens one of the daemon's own clients (the monitor, the patchbay) on the
// server in this process: libjackserver's in-process jack_client_open, no
// server started. what names the client in the error. Throws
// ServerNotStartedError when JACK refuses.
jack_client_t* open_own_client(const std::string& server_name, const std::string& client_name,
                               const std::string& what);

// Activates such a client. Throws ServerNotStartedError when JACK refuses
// (the client is closed then). Its semaphore's file stays in /dev/shm while
// it is open: every client that opens later maps every other client's by
// name.
void activate_own_client(jack_client_t* client, const std::string& server_name,
                         const std::string& what);

} // namespace jack_server::detail
