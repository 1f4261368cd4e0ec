// SPDX-License-Identifier: GPL-2.0-or-later
// A realtime server (-R, the default) that the system refuses realtime and
// memory locking: JACK logs its errors and runs without; jack-server's start
// line says so, with the limits and the fix for where it runs (group audio
// in /etc/group against this session, limits.d, a systemd unit). jackd says
// nothing more.

#include "binaries.hpp"
#include "daemon.hpp"
#include "files.hpp"
#include "own_dev_shm.hpp"
#include "process.hpp"
#include "wait.hpp"

#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <optional>
#include <signal.h>
#include <sys/mount.h>
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

// A file or folder of /etc replaced, in this test process's own mount
// namespace, by one of the test's while this lives: what the fix depends on
// (/etc/group, limits.d) made the same on every machine.
class EtcReplaced {
public:
    EtcReplaced(const std::string& path, const std::string& content, bool folder = false)
        : path_(path),
          with_(test::temporary_path("etc-" + std::filesystem::path(path).filename().string())) {
        if (folder)
            std::filesystem::create_directories(with_);
        else
            std::ofstream(with_) << content;
        mounted_ = std::filesystem::exists(path) &&
                   ::mount(with_.c_str(), path.c_str(), nullptr, MS_BIND, nullptr) == 0;
    }
    ~EtcReplaced() {
        if (mounted_)
            ::umount(path_.c_str());
        std::error_code ignored;
        std::filesystem::remove_all(with_, ignored);
    }
    EtcReplaced(const EtcReplaced&) = delete;
    EtcReplaced& operator=(const EtcReplaced&) = delete;

private:
    std::string path_, with_;
    bool mounted_ = false;
};

// /etc/group with group audio listing these members; no realtime limit for
// @audio in limits.conf or limits.d.
struct Machine {
    explicit Machine(const std::string& audio_members)
        : group("/etc/group", "root:x:0:\naudio:x:29:" + audio_members + "\nnogroup:x:65534:\n"),
          limits("/etc/security/limits.conf", ""), limits_d("/etc/security/limits.d", "", true) {}
    EtcReplaced group, limits, limits_d;
};

std::optional<std::string> cannot_run_as_nobody() {
    if (::geteuid() != 0 || !test::in_own_dev_shm())
        return "running as another user without realtime limits, with an /etc of the test's "
               "own, needs root and a private mount namespace";
    // A build under a folder only root may enter (/root) cannot run as nobody.
    auto probe = test::run(as_unprivileged({test::jack_server_binary(), "--version"}));
    if (probe.exit.status != 0)
        return "nobody cannot run " + test::jack_server_binary() + ": " + probe.errors;
    return std::nullopt;
}

// The start line of nobody's server, as a command runs in it and it stops.
std::string start_as_nobody(const std::string& what,
                            const std::map<std::string, std::string>& more = {}) {
    auto name = test::unique_server_name(what);
    auto env = environment(name);
    for (const auto& [key, value] : more)
        env[key] = value;
    auto ours = test::run(as_unprivileged({test::jack_server_binary(), "-n", name, "-d", "dummy",
                                           "-p", "256", "--", "true"}),
                          env);
    EXPECT_EQ(ours.exit.status, 0) << ours.errors;
    EXPECT_THAT(ours.errors, HasSubstr("Cannot use real-time scheduling")); // JACK's own, kept
    EXPECT_THAT(ours.errors, Not(HasSubstr("realtime (priority")));
    return ours.errors;
}

TEST(RealtimeRefused, TheStartLineSaysNotRealtimeWithTheLimitsAndTheFix) {
    if (auto why_not = cannot_run_as_nobody())
        GTEST_SKIP() << *why_not;
    Machine machine("");
    auto said = start_as_nobody("rt-refused");
    EXPECT_THAT(said, HasSubstr("not realtime (refused: RLIMIT_RTPRIO is 0 and no "
                                "CAP_SYS_NICE), memory not locked (RLIMIT_MEMLOCK is "
                                "8388608 bytes and no CAP_IPC_LOCK); to fix: "));
    EXPECT_THAT(said, HasSubstr("to fix: add '@audio - rtprio 95' and '@audio - memlock "
                                "unlimited' to a file in /etc/security/limits.d/, add nobody to "
                                "group audio (usermod -aG audio nobody), then log out and in "
                                "again, or -r to run without realtime"));
}

// The most common miss: added to the group, the session started before.
TEST(RealtimeRefused, AddedToGroupAudioButNotLoggedInAgainSaysSo) {
    if (auto why_not = cannot_run_as_nobody())
        GTEST_SKIP() << *why_not;
    Machine machine("nobody");
    EXPECT_THAT(start_as_nobody("rt-group"),
                HasSubstr("to fix: nobody is in group audio in /etc/group but this session is "
                          "not: add '@audio - rtprio 95'"));
}

// A systemd unit: its LimitRTPRIO= and LimitMEMLOCK= lines, not limits.d.
TEST(RealtimeRefused, InASystemdUnitNamesItsLimitLines) {
    if (auto why_not = cannot_run_as_nobody())
        GTEST_SKIP() << *why_not;
    Machine machine("nobody");
    EXPECT_THAT(start_as_nobody("rt-unit", {{"INVOCATION_ID", "0123456789abcdef"}}),
                HasSubstr("to fix: add LimitRTPRIO=95 and LimitMEMLOCK=infinity under "
                          "[Service] in "));
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
    EXPECT_THAT(jackd.errors() + jackd.output(), Not(HasSubstr("group audio")));
}

} // namespace
