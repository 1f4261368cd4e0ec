// SPDX-License-Identifier: GPL-2.0-or-later
// --unique-name: parallel jobs on one machine each get a server name of their
// own ("BASE-1", "BASE-2", ...), until JACK's registry of 8 servers is full.
// Every test here runs in a /dev/shm of its own: it fills the registry, which
// the servers of other tests must not see.

#include "binaries.hpp"
#include "private_shm.hpp"
#include "process.hpp"
#include "wait.hpp"

#include <csignal>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <memory>
#include <set>
#include <sstream>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace std::chrono_literals;
using testing::HasSubstr;

constexpr int registry_slots = 8;

#define USE_PRIVATE_DEV_SHM()                                                                      \
    do {                                                                                           \
        std::string why_not;                                                                       \
        if (!test::use_private_dev_shm(why_not))                                                   \
            GTEST_SKIP() << why_not;                                                               \
    } while (false)

std::vector<std::string> job(const std::string& base, const std::string& script) {
    return {test::jack_server_binary(),
            "--unique-name",
            "-n",
            base,
            "-r",
            "-d",
            "dummy",
            "--",
            "sh",
            "-c",
            script};
}

// A daemon of BackgroundDaemons is this process's child once its parent has
// returned: reaped here, it is gone for JACK too (JACK asks kill(pid, 0),
// which a zombie answers).
bool gone(pid_t pid) {
    return ::waitpid(pid, nullptr, WNOHANG) == pid || ::kill(pid, 0) != 0;
}

// Daemons started with --background: adopted by this process (a subreaper),
// and stopped (SIGTERM) at the end of the test, whatever happened.
class BackgroundDaemons {
public:
    BackgroundDaemons() { ::prctl(PR_SET_CHILD_SUBREAPER, 1); }
    ~BackgroundDaemons() {
        for (auto pid : pids_)
            ::kill(pid, SIGTERM);
        for (auto pid : pids_)
            test::wait_until([pid] { return gone(pid); }, 20s);
    }
    // Runs `jack-server --background --unique-name -n BASE -d dummy`; returns
    // what it printed ("PID NAME") and its status.
    test::Result start(const std::string& base) {
        auto result = test::run({test::jack_server_binary(), "--background", "--unique-name", "-n",
                                 base, "-d", "dummy"},
                                test::unaware_environment(), 30s);
        std::istringstream line(result.output);
        pid_t pid = 0;
        if (line >> pid && pid > 0)
            pids_.push_back(pid);
        return result;
    }

private:
    std::vector<pid_t> pids_;
};

TEST(UniqueName, EightParallelJobsAllPassAndANinthIsToldTheRegistrysLimit) {
    USE_PRIVATE_DEV_SHM();
    auto base = test::unique_server_name("unique");
    auto stop_file = "/tmp/" + base + "-stop";
    ::unlink(stop_file.c_str());
    // Each job lists its server's ports (JACK's tools under the tests' lock on
    // client names), says the name it runs under, and holds its server until
    // the ninth job has been refused.
    auto script = "flock /tmp/jack-server-tests-client.lock jack_lsp | grep -qx "
                  "system:playback_1 && echo \"$JACK_DEFAULT_SERVER\" && "
                  "while [ ! -e " +
                  stop_file + " ]; do sleep 0.05; done";
    std::vector<std::unique_ptr<test::Process>> jobs;
    for (int i = 0; i < registry_slots; ++i)
        jobs.push_back(
            std::make_unique<test::Process>(job(base, script), test::unaware_environment()));
    bool all_running = test::wait_until(
        [&] {
            for (auto& one : jobs)
                if (one->output().empty() && one->running())
                    return false;
            return true;
        },
        60s);
    std::set<std::string> names, expected;
    for (int n = 1; n <= registry_slots; ++n)
        expected.insert(base + "-" + std::to_string(n));
    for (auto& one : jobs) {
        auto output = one->output();
        if (!output.empty() && output.back() == '\n')
            output.pop_back();
        names.insert(output);
    }
    EXPECT_TRUE(all_running);
    EXPECT_EQ(names, expected);

    auto ninth = test::run(job(base, "true"), test::unaware_environment(), 30s);
    EXPECT_EQ(ninth.exit.status, 69) << ninth.errors;
    EXPECT_THAT(ninth.errors, HasSubstr("JACK's registry of servers is full, its limit of 8 "
                                        "servers is reached"));

    std::ofstream(stop_file).put('\n');
    for (auto& one : jobs) {
        auto exit = one->wait(30s);
        ASSERT_TRUE(exit) << one->errors();
        EXPECT_TRUE(exit->exited() && exit->status == 0) << one->errors();
    }
    ::unlink(stop_file.c_str());
}

TEST(UniqueName, BackgroundPrintsThePidAndTheNameClientsReach) {
    USE_PRIVATE_DEV_SHM();
    auto base = test::unique_server_name("unique-bg");
    BackgroundDaemons daemons;
    for (int n = 1; n <= 2; ++n) {
        auto started = daemons.start(base);
        ASSERT_EQ(started.exit.status, 0) << started.errors;
        std::istringstream line(started.output);
        pid_t pid = 0;
        std::string name, rest;
        ASSERT_TRUE(line >> pid >> name) << started.output;
        EXPECT_FALSE(line >> rest) << started.output;
        EXPECT_EQ(name, base + "-" + std::to_string(n));
        auto lsp = test::run({"flock", "/tmp/jack-server-tests-client.lock", "jack_lsp"},
                             test::client_environment(name));
        EXPECT_EQ(lsp.exit.status, 0) << lsp.errors;
        EXPECT_THAT(lsp.output, HasSubstr("system:playback_1"));
    }
}

// JACK keeps the slot of a killed server until a server of the same name
// starts: --unique-name takes that name again rather than report a full
// registry.
TEST(UniqueName, TakesTheSlotAKilledServerLeft) {
    USE_PRIVATE_DEV_SHM();
    auto base = test::unique_server_name("unique-kill");
    BackgroundDaemons daemons;
    std::vector<pid_t> pids;
    for (int n = 1; n <= registry_slots; ++n) {
        auto started = daemons.start(base);
        ASSERT_EQ(started.exit.status, 0) << started.errors;
        pids.push_back(std::stoi(started.output));
    }
    ::kill(pids[2], SIGKILL);
    ASSERT_TRUE(test::wait_until([&] { return gone(pids[2]); }));
    auto again = daemons.start(base);
    ASSERT_EQ(again.exit.status, 0) << again.errors;
    EXPECT_THAT(again.output, HasSubstr(" " + base + "-3\n"));
}

} // namespace
