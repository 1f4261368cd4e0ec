// SPDX-License-Identifier: GPL-2.0-or-later
// Each e2e test process runs in a /dev/shm of its own where the machine allows
// a private mount (root, not a chroot), and in the shared one elsewhere.
//
// Why: JACK2's engine deletes the metadata database that every server and
// client of the user shares (/dev/shm/jack_db-UID, JackMetadata's destructor)
// whenever a server stops. A client that opens at that moment, on any other
// server, can die of SIGBUS in libdb's __env_open: under ctest -j2 one of the
// load test's 200 clients did, and once the files were half made again every
// later client of that user died the same way. jackd does the same; the
// daemon cannot prevent it (see --private-shm for users who run servers side
// by side).

#include "own_dev_shm.hpp"

#include "private_shm.hpp"

#include <cstdio>
#include <gtest/gtest.h>

namespace {

bool own = false;

class OwnDevShm : public testing::Environment {
public:
    void SetUp() override {
        std::string why_not;
        own = test::use_private_dev_shm(why_not);
        if (!own)
            std::fprintf(stderr, "note: this test shares /dev/shm with the others: %s\n",
                         why_not.c_str());
    }
};

[[maybe_unused]] const testing::Environment* const own_dev_shm =
    testing::AddGlobalTestEnvironment(new OwnDevShm);

} // namespace

bool test::in_own_dev_shm() {
    return own;
}
