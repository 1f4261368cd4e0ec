// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <optional>

namespace jack_server::detail {

// --background: forks. The parent tells systemd MAINPID= (before the child
// says anything to it), then waits on a pipe until the child reports ready
// (then prints the child's pid and exits 0) or the child exits first (then exits with the child's
// status; the child has already logged why, to the stderr they share).
struct Forked {
    std::optional<int> parent_status; // set in the parent: the status to exit with
    int ready_fd = -1;                // in the child: where to report ready
};

// Must run before libjackserver starts any thread (fork copies one thread
// only). Throws Error when the process already has threads or cannot fork.
Forked fork_background();

} // namespace jack_server::detail
