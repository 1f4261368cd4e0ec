// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "jack_server/error.hpp"

#include <string>

namespace jack_server::detail {

// The system refused what --private-shm needs (a namespace, a mount, realtime
// scheduling inside it). The message is one line: the call refused, why, and
// what to do. Exit status 69.
class PrivateShmRefused : public Error {
public:
    using Error::Error;
};

// How the private /dev/shm was made.
struct PrivateShm {
    // A user namespace was needed (no CAP_SYS_ADMIN): the caller's uid and gid
    // are mapped to themselves, so files keep their owner, but capabilities
    // (CAP_SYS_NICE among them) no longer reach outside the namespace.
    bool user_namespace = false;
};

// --private-shm: moves this process into a mount namespace of its own, all
// its mounts private so that nothing propagates out, with a new tmpfs on
// /dev/shm, where JACK keeps everything its servers and clients share (the
// server registry, sockets, semaphores, the metadata store). Processes started
// afterwards (the server's threads, -- COMMAND) inherit it; other processes
// never see it, and it goes with the last process in the namespace.
//
// A process with CAP_SYS_ADMIN gets a mount namespace alone. Otherwise a user
// namespace comes first, mapping only the caller's effective uid and gid to
// themselves (setgroups denied, as the kernel requires for an unprivileged
// gid_map): the process keeps its identity, its supplementary groups still
// count for file access (they show as the overflow group inside), and what it
// writes belongs to the user.
//
// Call it while the process has one thread: the kernel refuses a user
// namespace to a multithreaded process. Never falls back to the shared
// /dev/shm. Throws PrivateShmRefused.
PrivateShm enter_private_shm();

// Whether this thread may be scheduled SCHED_FIFO at priority: tried and
// undone. In a user namespace only RLIMIT_RTPRIO can grant it.
bool realtime_allowed(int priority) noexcept;
// RLIMIT_RTPRIO's soft limit, for a message: "0", "unlimited".
std::string realtime_limit();

} // namespace jack_server::detail
