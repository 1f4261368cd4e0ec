// SPDX-License-Identifier: GPL-2.0-or-later
// Choosing a name for --unique-name from JACK's registry of servers.

#include "engine/server_registry.hpp"
#include "jack_server/error.hpp"

#include <cstdio>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

namespace {

using jack_server::detail::choose_unique_name;
using jack_server::detail::RegistrySlot;
using testing::HasSubstr;

constexpr uid_t uid = 1000;

RegistrySlot held(const std::string& name, bool alive, uid_t owner = uid) {
    return {
        .pid = 4242, .prefix = "jack-" + std::to_string(owner) + ":" + name + ":", .alive = alive};
}

std::vector<RegistrySlot> slots(std::vector<RegistrySlot> taken) {
    taken.resize(jack_server::detail::registry_slots);
    return taken;
}

TEST(UniqueName, IsTheBaseWithTheFirstFreeNumber) {
    EXPECT_EQ(choose_unique_name("ci", slots({}), uid), "ci-1");
    EXPECT_EQ(choose_unique_name("ci", slots({held("ci-1", true), held("ci-3", true)}), uid),
              "ci-2");
}

TEST(UniqueName, IgnoresOtherUsersNamesAndOtherBases) {
    EXPECT_EQ(
        choose_unique_name("ci", slots({held("ci-1", true, 1001), held("default-1", true)}), uid),
        "ci-1");
}

TEST(UniqueName, TakesTheNameOfAServerThatIsGone) {
    // libjackserver reclaims such a slot for a server of the same name.
    std::vector<RegistrySlot> full;
    for (int n = 1; n <= 8; ++n)
        full.push_back(held("ci-" + std::to_string(n), n != 5));
    EXPECT_EQ(choose_unique_name("ci", full, uid), "ci-5");
}

TEST(UniqueName, RefusesAFullRegistryNamingItsLimit) {
    std::vector<RegistrySlot> full;
    for (int n = 1; n <= 8; ++n)
        full.push_back(held("other-" + std::to_string(n), n != 5));
    try {
        choose_unique_name("ci", full, uid);
        FAIL() << "a full registry was not refused";
    } catch (const jack_server::ServerNotOpenedError& e) {
        EXPECT_THAT(e.what(), HasSubstr("JACK's registry of servers is full, its limit of 8 "
                                        "servers is reached"));
    }
}

TEST(UniqueName, ReadsNoRegistryAsEmpty) {
    auto read = jack_server::detail::read_server_registry("/nonexistent/jack-shm-registry");
    ASSERT_EQ(read.size(), 8u);
    for (const auto& slot : read)
        EXPECT_EQ(slot.pid, 0);
}

} // namespace
