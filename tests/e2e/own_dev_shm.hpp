// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

namespace test {

// Whether this test process runs in a /dev/shm of its own (own_dev_shm.cpp):
// then everything in it is this process's, and a test may expect it empty.
bool in_own_dev_shm();

} // namespace test
