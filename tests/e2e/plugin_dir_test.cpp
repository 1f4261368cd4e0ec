// SPDX-License-Identifier: GPL-2.0-or-later
// jack-server loads only the plugins its command line names, from a private
// directory it removes when it exits.

#include "binaries.hpp"
#include "daemon.hpp"

#include <filesystem>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

namespace fs = std::filesystem;
using testing::HasSubstr;

namespace {

std::vector<std::string> files_in_private_dirs(const fs::path& runtime) {
    std::vector<std::string> files;
    for (const auto& dir : fs::directory_iterator(runtime))
        if (dir.path().filename().string().starts_with("jack-server-plugins-"))
            for (const auto& file : fs::directory_iterator(dir))
                files.push_back(file.path().filename().string());
    std::sort(files.begin(), files.end());
    return files;
}

TEST(PluginDir, HoldsOnlyTheNamedPluginsWhileRunningAndIsRemovedAtExit) {
    char pattern[] = "/tmp/jack-server-runtime-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    fs::path runtime(pattern);
    auto name = test::unique_server_name("plugins");
    auto env = test::client_environment(name);
    env["XDG_RUNTIME_DIR"] = runtime;
    test::Process daemon(
        {test::jack_server_binary(), "-n", name, "-r", "-p", "64", "-L", "2", "-d", "dummy"}, env);
    ASSERT_TRUE(test::wait_until([&] { return test::serving(name); })) << daemon.errors();
    EXPECT_EQ(files_in_private_dirs(runtime),
              (std::vector<std::string>{"jack_dummy.so", "jack_loopback.so", "profiler.so"}));
    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0);
    EXPECT_TRUE(fs::is_empty(runtime)) << "the private plugin directory is left";
    fs::remove_all(runtime);
}

TEST(PluginDir, HelpAndRefusalsStillSeeEveryPlugin) {
    auto help = test::run({test::jack_server_binary(), "--help"});
    EXPECT_THAT(help.output, HasSubstr("alsa"));
    auto refusal = test::run({test::jack_server_binary(), "-X", "dummy", "-d", "dummy"});
    EXPECT_EQ(refusal.exit.status, 64);
    EXPECT_THAT(refusal.errors, HasSubstr("slave drivers: " + test::driver_names("slave")));
    auto typo = test::run({test::jack_server_binary(), "-d", "dumy"});
    EXPECT_THAT(typo.errors, HasSubstr("master drivers: " + test::driver_names("master")));
}

} // namespace
