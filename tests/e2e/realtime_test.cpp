// SPDX-License-Identifier: GPL-2.0-or-later
// A realtime server (-R, the default) that the system refuses realtime and
// memory locking: JACK logs its errors and runs without; jack-server's start
// line says so, with the limits and the fix. jackd says nothing more.

#include "binaries.hpp"
#include "daemon.hpp"
#include "process.hpp"
#include "wait.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

using testing::HasSubstr;
using testing::Not;
using namespace std::chrono_literals;

namespace {

// As nobody, with no realtime priority and a small memory-lock limit, as an
// unprivileged user of a default Debian install has.
std::vector<std::string> as_unprivileged(std::vector<std::string> argv) {
    std::vector<std::string> all{"prlimit",        "--rtprio=0",      "--memlock=8388608",
                                 "setpriv",        "--reuid=65534",   "--regid=65534",
                                 "--clear-groups", "--inh-caps=-all", "--"};
    all.insert(all.end(), argv.begin(), argv.end());
    return all;
}

std::map<std::string, std::string> environment(const std::string& name) {
    auto env = test::client_environment(name);
    env["XDG_RUNTIME_DIR"] = "";
    env["TMPDIR"] = "/tmp";
    return env;
}

TEST(RealtimeRefused, TheStartLineSaysNotRealtimeWithTheLimitsAndTheFix) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "running as another user without realtime limits needs root";
    // A build under a folder only root may enter (/root) cannot run as nobody.
    auto probe = test::run(as_unprivileged({test::jack_server_binary(), "--version"}));
    if (probe.exit.status != 0)
        GTEST_SKIP() << "nobody cannot run " << test::jack_server_binary() << ": " << probe.errors;
    auto name = test::unique_server_name("rt-refused");
    auto ours = test::run(as_unprivileged({test::jack_server_binary(), "-n", name, "-d", "dummy",
                                           "-p", "256", "--", "true"}),
                          environment(name));
    ASSERT_EQ(ours.exit.status, 0) << ours.errors;
    EXPECT_THAT(ours.errors, HasSubstr("Cannot use real-time scheduling")); // JACK's own, kept
    EXPECT_THAT(ours.errors, HasSubstr("not realtime (refused: RLIMIT_RTPRIO is 0 and no "
                                       "CAP_SYS_NICE), memory not locked (RLIMIT_MEMLOCK is "
                                       "8388608 bytes and no CAP_IPC_LOCK); to fix: "));
    EXPECT_THAT(ours.errors, HasSubstr("LimitRTPRIO=95"));
    EXPECT_THAT(ours.errors, Not(HasSubstr("realtime (priority")));
}

// jackd on the same refusal: JACK's errors, and nothing that says it runs
// without realtime or how to have it.
TEST(RealtimeRefused, JackdOnlyLogsJacksErrors) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "running as another user without realtime limits needs root";
    auto name = test::unique_server_name("rt-refused-jackd");
    test::Process jackd(as_unprivileged({"jackd", "-n", name, "-d", "dummy", "-p", "256"}),
                        environment(name));
    // The log is what is tested; a client of root's could not reach nobody's server.
    EXPECT_TRUE(test::wait_until(
        [&] { return jackd.errors().find("AcquireSelfRealTime") != std::string::npos; }, 20s))
        << jackd.errors();
    jackd.signal(SIGTERM);
    jackd.wait();
    EXPECT_THAT(jackd.errors() + jackd.output(), HasSubstr("Cannot use real-time scheduling"));
    EXPECT_THAT(jackd.errors() + jackd.output(), Not(HasSubstr("not realtime")));
    EXPECT_THAT(jackd.errors() + jackd.output(), Not(HasSubstr("LimitRTPRIO")));
}

} // namespace
