// SPDX-License-Identifier: GPL-2.0-or-later
// jack-server --doctor against this machine and the test card: each finding
// ✓ or ✗ with its fix, 0 when a server could start with the options given,
// 1 otherwise; the faults are made for real (a card that is not there, a
// rate the card refuses, a card pulled out, realtime refused as nobody).

#include "binaries.hpp"
#include "daemon.hpp"
#include "process.hpp"
#include "test_card.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <unistd.h>

using testing::HasSubstr;
using testing::Not;

namespace {

test::Result doctor(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {test::jack_server_binary(), "--doctor"});
    env["JACK_NO_START_SERVER"] = "1";
    return test::run(args, env);
}

TEST(Doctor, AGoodDummyLineExits0WithEveryCheck) {
    auto result = doctor({"-n", test::unique_server_name("doctor"), "-d", "dummy"});
    EXPECT_EQ(result.exit.status, 0) << result.output << result.errors;
    for (const char* topic : {"✓ libjackserver: ", "realtime: ", "memory lock: ", "groups: ",
                              "/dev/shm: ", "registry: ", "desktop sound server: "})
        EXPECT_THAT(result.output, HasSubstr(topic));
    // Every plugin, not only the one the line names.
    EXPECT_THAT(result.output, HasSubstr("master drivers alsa, dummy"));
    EXPECT_THAT(result.output, HasSubstr("\na server could start with these options\n"));
    EXPECT_EQ(result.errors, "");
}

TEST(Doctor, AMissingCardExits1WithItsCrossAndFix) {
    auto result = doctor({"-d", "alsa", "-d", "hw:7", "-p", "64"});
    EXPECT_EQ(result.exit.status, 1) << result.output << result.errors;
    EXPECT_THAT(result.output, HasSubstr("✗ device hw:7: there is no card 7"));
    EXPECT_THAT(result.output, HasSubstr("\n  fix: "));
    EXPECT_THAT(result.output, HasSubstr("a server would not start: 1 finding above to fix\n"));
}

TEST(Doctor, ACardNamedByIdentityThatIsNotThereExits1) {
    auto result = doctor({"-d", "alsa", "-d", "usb:0d8c:0014:NOPE"});
    EXPECT_EQ(result.exit.status, 1);
    EXPECT_THAT(result.output,
                HasSubstr("✗ device usb:0d8c:0014:NOPE (playback): device usb:0d8c:0014:NOPE: "
                          "no sound card matches\n  fix: "));
}

TEST(Doctor, TheTestCardOpensAtTheRateAndPeriodAsked) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("doctorcard", 3);
    auto result = doctor({"-d", "alsa", "-d", card.name(), "-r", "48000", "-p", "256"},
                         {{"HOME", card.home()}});
    EXPECT_EQ(result.exit.status, 0) << result.output << result.errors;
    EXPECT_THAT(result.output,
                HasSubstr("✓ device doctorcard (playback): opens for playback at 48000 Hz, "
                          "period 256 ("));
    EXPECT_THAT(result.output, HasSubstr("✓ device doctorcard (capture): opens for capture"));
    EXPECT_THAT(result.output, HasSubstr("8000..192000 Hz"));
}

TEST(Doctor, ARateTheCardRefusesExits1WithARateItTakes) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("doctorrate", 3);
    auto result = doctor({"-d", "alsa", "-P", card.name(), "-r", "384000", "-p", "256"},
                         {{"HOME", card.home()}});
    EXPECT_EQ(result.exit.status, 1) << result.output << result.errors;
    EXPECT_THAT(result.output,
                HasSubstr("✗ device doctorrate (playback): does not take rate 384000 (-r) for "
                          "playback: it takes 8000..192000\n  fix: give -r 48000\n"));
    EXPECT_THAT(result.output, Not(HasSubstr("(capture)"))); // -P alone: playback only
}

TEST(Doctor, ACardPulledOutExits1) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("doctorgone", 3);
    card.unplug();
    auto result = doctor({"-d", "alsa", "-C", card.name()}, {{"HOME", card.home()}});
    EXPECT_EQ(result.exit.status, 1) << result.output << result.errors;
    EXPECT_THAT(result.output, HasSubstr("✗ device doctorgone (capture): does not open for "
                                         "capture: "));
}

// A fallback that could not open is a warning: it matters only once the card is lost.
TEST(Doctor, AFallbackCardThatIsNotThereIsAWarning) {
    auto result = doctor({"--fallback", "alsa:hw:9", "-r", "-d", "dummy"});
    EXPECT_EQ(result.exit.status, 0) << result.output;
    EXPECT_THAT(result.output, HasSubstr("✗ fallback device hw:9: there is no card 9"));
    EXPECT_THAT(result.output, HasSubstr("; the fallback would fail when the card is lost\n"));
}

TEST(Doctor, JsonParsesWithEachFinding) {
    auto good = doctor({"--json", "-d", "dummy"});
    EXPECT_EQ(good.exit.status, 0);
    auto json = nlohmann::json::parse(good.output);
    EXPECT_EQ(json.at("could_start"), true);
    ASSERT_FALSE(json.at("findings").empty());
    EXPECT_EQ(json["findings"][0]["topic"], "libjackserver");
    EXPECT_EQ(json["findings"][0]["ok"], true);
    EXPECT_TRUE(json["findings"][0]["fix"].is_null());
    for (const auto& finding : json["findings"])
        for (const char* key : {"topic", "ok", "level", "said", "fix"})
            EXPECT_TRUE(finding.contains(key)) << finding.dump();

    auto bad = doctor({"--json", "-d", "alsa", "-d", "hw:7"});
    EXPECT_EQ(bad.exit.status, 1);
    auto failed = nlohmann::json::parse(bad.output);
    EXPECT_EQ(failed.at("could_start"), false);
    const auto& last = failed["findings"].back();
    EXPECT_EQ(last["level"], "failure");
    EXPECT_EQ(last["ok"], false);
    EXPECT_TRUE(last["fix"].is_string());
}

// As nobody with no realtime priority and 8 MiB of memory lock, as an
// unprivileged user of a default Debian install: realtime and memory lock
// are ✗ with their fixes, and the server would still start (without them).
TEST(Doctor, RealtimeAndMemoryLockRefusedAsNobody) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "running as another user without realtime limits needs root";
    std::vector<std::string> unprivileged{"prlimit",
                                          "--rtprio=0",
                                          "--memlock=8388608",
                                          "setpriv",
                                          "--reuid=65534",
                                          "--regid=65534",
                                          "--clear-groups",
                                          "--inh-caps=-all",
                                          "--",
                                          test::jack_server_binary()};
    auto probe_argv = unprivileged;
    probe_argv.push_back("--version");
    auto probe = test::run(probe_argv);
    if (probe.exit.status != 0)
        GTEST_SKIP() << "nobody cannot run " << test::jack_server_binary() << ": " << probe.errors;
    auto argv = unprivileged;
    argv.insert(argv.end(), {"--doctor", "-P", "20", "-p", "256", "-d", "dummy"});
    auto result = test::run(argv, {{"JACK_NO_START_SERVER", "1"}, {"HOME", "/tmp"}});
    EXPECT_EQ(result.exit.status, 0) << result.output << result.errors;
    EXPECT_THAT(result.output, HasSubstr("✗ realtime: priority 20 (-P) refused: RLIMIT_RTPRIO is "
                                         "0 (hard 0) and no CAP_SYS_NICE"));
    EXPECT_THAT(result.output, HasSubstr("LimitRTPRIO=95"));
    EXPECT_THAT(result.output, HasSubstr("✗ memory lock: JACK locks about 45 MiB at --port-max "
                                         "256; RLIMIT_MEMLOCK is 8 MiB"));
    EXPECT_THAT(result.output, HasSubstr("LimitMEMLOCK=infinity"));
    if (::getgrnam("audio") != nullptr)
        EXPECT_THAT(result.output,
                    HasSubstr("✗ groups: nobody is not in group audio, which the "
                              "limits of /etc/security/limits.d/audio.conf name\n"
                              "  fix: sudo usermod -aG audio nobody, then log out and in "
                              "again\n"));

    // With --private-shm, realtime refused stops the start: a failure.
    auto private_shm = unprivileged;
    private_shm.insert(private_shm.end(),
                       {"--doctor", "--private-shm", "-d", "dummy", "--", "true"});
    auto refused = test::run(private_shm, {{"JACK_NO_START_SERVER", "1"}, {"HOME", "/tmp"}});
    EXPECT_EQ(refused.exit.status, 1) << refused.output << refused.errors;
    EXPECT_THAT(refused.output,
                HasSubstr("; with --private-shm a server refused realtime does not start\n"));

    // Given -r, neither is needed.
    auto without = unprivileged;
    without.insert(without.end(), {"--doctor", "-r", "-d", "dummy"});
    auto plain = test::run(without, {{"JACK_NO_START_SERVER", "1"}, {"HOME", "/tmp"}});
    EXPECT_EQ(plain.exit.status, 0);
    EXPECT_THAT(plain.output, HasSubstr("✓ realtime: not asked for (-r)"));
    EXPECT_THAT(plain.output, Not(HasSubstr("✗ memory lock")));
}

// PipeWire's stub libjackserver first on the loader's path: --doctor says so,
// with the fix, beside the rest of the machine, and exits 1.
TEST(Doctor, PipewiresStubLibraryIsAFailureWithItsFix) {
    auto library = test::pipewire_libjackserver();
    if (!library)
        GTEST_SKIP() << "PipeWire's libjackserver is not installed (package pipewire-jack)";
    auto result = doctor({"-d", "dummy"}, {{"LD_LIBRARY_PATH", library->parent_path()}});
    EXPECT_EQ(result.exit.status, 1) << result.output << result.errors;
    EXPECT_THAT(result.output,
                HasSubstr("✗ libjackserver: '" + library->string() + "' cannot run a server"));
    EXPECT_THAT(result.output, HasSubstr("\n  fix: install JACK2's libjackserver"));
    EXPECT_THAT(result.output, HasSubstr("/dev/shm: ")); // the rest is examined too
    EXPECT_THAT(result.output, HasSubstr("a server would not start: 1 finding above to fix"));
}

// A server of the same name runs: a failure naming its pid.
TEST(Doctor, TheServerNameInUseIsAFailureWithThePid) {
    auto name = test::unique_server_name("doctor-taken");
    test::Daemon running(name, {"-r", "-p", "64", "-d", "dummy"});
    ASSERT_TRUE(running.wait_ready()) << running.errors();
    auto result = doctor({"-n", name, "-r", "-d", "dummy"});
    EXPECT_EQ(result.exit.status, 1) << result.output;
    EXPECT_THAT(result.output,
                HasSubstr(fmt::format("✗ server name: a server named '{}' runs already (pid {})\n"
                                      "  fix: give another name (-n NAME), or --unique-name, or "
                                      "stop pid {}\n",
                                      name, running.pid(), running.pid())));
    // Other servers may share this /dev/shm (a chroot has no namespace of its own).
    EXPECT_THAT(result.output,
                testing::ContainsRegex(fmt::format(
                    "✓ registry: [1-8] of 8 slots used: .*jack-{}:{}:", ::geteuid(), name)));
    // Under another name a server could start beside it.
    EXPECT_EQ(doctor({"-n", name + "-other", "-r", "-d", "dummy"}).exit.status, 0);
}

// A server killed outright keeps its registry slot: a stale entry, a warning
// with the way to clear it.
TEST(Doctor, AKilledServersEntryIsStale) {
    auto name = test::unique_server_name("doctor-killed");
    pid_t killed = 0;
    {
        test::Daemon victim(name, {"-r", "-p", "64", "-d", "dummy"});
        ASSERT_TRUE(victim.wait_ready()) << victim.errors();
        killed = victim.pid();
        victim.signal(SIGKILL);
        ASSERT_TRUE(victim.wait());
    }
    auto result = doctor({"-n", name + "-next", "-r", "-d", "dummy"});
    EXPECT_EQ(result.exit.status, 0) << result.output;
    EXPECT_THAT(result.output,
                testing::ContainsRegex(fmt::format("✗ registry: [1-8] of 8 slots used; stale: "
                                                   ".*jack-{}:{}: \\(pid {}, gone\\)",
                                                   ::geteuid(), name, killed)));
    EXPECT_THAT(result.output, HasSubstr("  fix: --replace-registry clears them"));
    test::expect_a_restart_serves_and_cleans_up(name);
}

TEST(Doctor, ARefusedCommandLineIsStill64) {
    auto result = doctor({"-d", "dummy", "-r", "48k"});
    EXPECT_EQ(result.exit.status, 64);
    auto both = doctor({"--check", "-d", "dummy"});
    EXPECT_EQ(both.exit.status, 64);
    EXPECT_THAT(both.errors, HasSubstr("options --doctor and --check exclude each other"));
}

} // namespace
