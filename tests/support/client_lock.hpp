// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>

namespace test {

// JACK2 names a client's notification socket /dev/shm/jack_<client>_<uid>_0
// after the client alone, not after its server. Two clients of one name that
// open at the same moment, each on its own server, unlink and take each
// other's socket: one server then cannot reach its client ("Cannot connect to
// client name = lsp") or reaches the other one. JACK's tools have fixed names
// (jack_lsp opens as "lsp") and ctest runs tests side by side, each with its
// own server, so a test holds this machine-wide lock while it runs one of
// them (for its first seconds at most). Clients a test keeps running get
// names of their own instead (unique_client_name). The packaging scripts take
// the same lock with flock(1).
class ClientLock {
public:
    // How long a tool may keep it: opening a client takes milliseconds.
    static constexpr std::chrono::milliseconds longest_hold{2000};

    ClientLock();  // waits until this process holds the lock
    ~ClientLock(); // releases it
    ClientLock(const ClientLock&) = delete;
    ClientLock& operator=(const ClientLock&) = delete;

private:
    int fd_ = -1;
};

// Whether argv0 is one of JACK's client tools (jack_lsp, jack_connect, ...).
bool is_jack_tool(const char* argv0);

} // namespace test
