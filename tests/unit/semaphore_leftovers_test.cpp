// SPDX-License-Identifier: GPL-2.0-or-later
#include "semaphore_leftovers.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

class SemaphoreLeftovers : public testing::Test {
protected:
    void SetUp() override {
        char pattern[] = "/tmp/jack-server-shm-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        dir_ = pattern;
    }
    void TearDown() override { fs::remove_all(dir_); }
    void touch(const std::string& name) { std::ofstream(dir_ / name).put('x'); }
    bool exists(const std::string& name) { return fs::exists(dir_ / name); }

    fs::path dir_;
    std::string uid_ = std::to_string(getuid());
};

TEST_F(SemaphoreLeftovers, RemovesOnlyThatServersSemaphores) {
    touch("jack_sem." + uid_ + "_studio_loopback");
    touch("jack_sem." + uid_ + "_studio_jack_samplerate");
    touch("jack_sem." + uid_ + "_studio2_system");
    touch("jack_sem." + uid_ + "_other_system");
    touch("jack_lsp_" + uid_ + "_0");
    jack_server::detail::remove_semaphore_leftovers("studio", dir_);
    EXPECT_FALSE(exists("jack_sem." + uid_ + "_studio_loopback"));
    EXPECT_FALSE(exists("jack_sem." + uid_ + "_studio_jack_samplerate"));
    EXPECT_TRUE(exists("jack_sem." + uid_ + "_studio2_system"));
    EXPECT_TRUE(exists("jack_sem." + uid_ + "_other_system"));
    EXPECT_TRUE(exists("jack_lsp_" + uid_ + "_0")) << "sockets are JACK's to remove";
}

// An open refused because the name is in use must not take the running
// server's semaphores: its socket is there.
TEST_F(SemaphoreLeftovers, KeepsEverythingWhileAServerOfThatNameRuns) {
    touch("jack_studio_" + uid_ + "_0");
    touch("jack_sem." + uid_ + "_studio_system");
    jack_server::detail::remove_semaphore_leftovers("studio", dir_);
    EXPECT_TRUE(exists("jack_sem." + uid_ + "_studio_system"));
    EXPECT_TRUE(exists("jack_studio_" + uid_ + "_0"));
}

TEST_F(SemaphoreLeftovers, KeepsThoseOfARunningServerWhoseNameExtendsIt) {
    // Server "a_b" is running (its socket is there): "jack_sem.<uid>_a_b_system"
    // is its, not a leftover of server "a".
    touch("jack_a_b_" + uid_ + "_0");
    touch("jack_sem." + uid_ + "_a_b_system");
    touch("jack_sem." + uid_ + "_a_loopback");
    jack_server::detail::remove_semaphore_leftovers("a", dir_);
    EXPECT_TRUE(exists("jack_sem." + uid_ + "_a_b_system"));
    EXPECT_FALSE(exists("jack_sem." + uid_ + "_a_loopback"));
}

} // namespace
