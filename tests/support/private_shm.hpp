// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>

namespace test {

// Gives this test process (and every process it starts afterwards) a /dev/shm
// of its own: a fresh tmpfs in a mount namespace of its own, so a test may
// fill JACK's registry of 8 servers without touching the servers of other
// tests. Needs CAP_SYS_ADMIN outside a chroot: returns false, with the reason
// in why_not, where the machine allows no private mounts (the test then
// skips). Throws std::runtime_error for any other failure.
bool use_private_dev_shm(std::string& why_not);

} // namespace test
