// SPDX-License-Identifier: GPL-2.0-or-later
// Configuration as data, as a user meets it: --config, --check, --print-config,
// JACK_DEFAULT_SERVER, and a reload on SIGHUP that keeps clients connected.

#include "binaries.hpp"
#include "daemon.hpp"
#include "fifo_card.hpp"
#include "files.hpp"
#include "shm.hpp"
#include "test_card.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <memory>
#include <regex>
#include <signal.h>
#include <unistd.h>

using test::ConfigFile;
using test::Daemon;
using testing::HasSubstr;

namespace {

std::string dummy(const std::string& period, const std::string& extra = "") {
    return "[server]\nrealtime = false\nport-max = 64\n" + extra +
           "\n[driver]\nname = " + "\"dummy\"\nperiod = " + period + "\n";
}

test::Result jack_server(std::vector<std::string> args) {
    args.insert(args.begin(), test::jack_server_binary());
    return test::run(args, {{"JACK_NO_START_SERVER", "1"}});
}

int occurrences(const std::string& text, const std::string& part) {
    int found = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++found;
    return found;
}

bool lists(const Daemon& daemon, const std::string& port) {
    return daemon.client({"jack_lsp"}).output.find(port) != std::string::npos;
}

// jack_metro's client and port: a name of this test process's own.
const std::string metro_name = test::unique_client_name("metro");
const std::string metro_port = metro_name + ":120_bpm";

bool connected(const Daemon& daemon) {
    return daemon.client({"jack_lsp", "-c", metro_port}).output.find("system:playback_1") !=
           std::string::npos;
}

bool bufsize_is(const Daemon& daemon, const std::string& frames) {
    return daemon.client({"jack_bufsize"}).output == frames + "\n";
}

// Whether the daemon's latest "reloaded:" line names what.
bool last_reload_went_to(const Daemon& daemon, const std::string& what) {
    auto errors = daemon.errors();
    auto last = errors.rfind("reloaded: ");
    return last != std::string::npos &&
           errors.substr(last, errors.find('\n', last) - last).find(what) != std::string::npos;
}

// jack_metro playing into system:playback_1; nothing when it did not come up
// or could not connect.
std::unique_ptr<test::Process> metro_connected(const Daemon& daemon) {
    auto metro = std::make_unique<test::Process>(
        std::vector<std::string>{"jack_metro", "-b", "120", "-n", metro_name},
        test::client_environment(daemon.name()));
    if (!test::wait_until([&] { return lists(daemon, metro_port); }) ||
        daemon.client({"jack_connect", metro_port, "system:playback_1"}).exit.status != 0)
        return nullptr;
    return metro;
}

TEST(Reload, NewPeriodKeepsTheClientAndItsConnection) {
    ConfigFile file("reload-period");
    file.write(dummy("256"));
    Daemon daemon(test::unique_server_name("reload"), {"--config", file.path()});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    auto metro = metro_connected(daemon);
    ASSERT_TRUE(metro) << "jack_metro did not come up and connect";
    EXPECT_TRUE(bufsize_is(daemon, "256"));

    file.write(dummy("128"));
    daemon.signal(SIGHUP);
    // A client that connects while the driver is switched waits for the engine's
    // next cycle and may fail after 5 s (JACK's own limit): ask once it is done.
    EXPECT_TRUE(daemon.wait_logged("reload: driver dummy: period 256 → 128")) << daemon.errors();
    EXPECT_TRUE(test::wait_until([&] { return bufsize_is(daemon, "128"); })) << daemon.errors();
    EXPECT_TRUE(connected(daemon)) << daemon.client({"jack_lsp", "-c"}).output;
    EXPECT_TRUE(metro->running());
    EXPECT_TRUE(daemon.running());
}

TEST(Reload, AnInvalidConfigKeepsTheOldServer) {
    ConfigFile file("reload-invalid");
    file.write(dummy("256"));
    Daemon daemon(test::unique_server_name("reload-bad"), {"--config", file.path()});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();

    file.write(dummy("\"128\""));
    daemon.signal(SIGHUP);
    EXPECT_TRUE(daemon.wait_logged("reload: the server keeps running unchanged"))
        << daemon.errors();
    EXPECT_THAT(daemon.errors(), HasSubstr("reload: " + file.path() +
                                           ":7: driver 'dummy': invalid value '128' for "
                                           "driver.period"));
    EXPECT_TRUE(bufsize_is(daemon, "256"));
    EXPECT_TRUE(daemon.running());
}

TEST(Reload, AServerParameterNeedsARestart) {
    ConfigFile file("reload-restart");
    file.write(dummy("256"));
    Daemon daemon(test::unique_server_name("reload-restart"), {"--config", file.path()});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();

    file.write("[server]\nrealtime = false\nport-max = 128\n[driver]\nname = \"dummy\"\n"
               "period = 256\n");
    daemon.signal(SIGHUP);
    EXPECT_TRUE(daemon.wait_logged("needs a restart: port-max 64 → 128")) << daemon.errors();
    EXPECT_TRUE(daemon.wait_logged("reload: nothing to change")) << daemon.errors();
    EXPECT_TRUE(bufsize_is(daemon, "256"));

    // Logging changes at once; the port-max is still the one the server runs.
    file.write("[server]\nrealtime = false\nport-max = 128\n[driver]\nname = \"dummy\"\n"
               "period = 256\n[daemon]\nlog-level = \"debug\"\n");
    daemon.signal(SIGHUP);
    EXPECT_TRUE(daemon.wait_logged("reload: logging: level debug, format text")) << daemon.errors();
    EXPECT_EQ(occurrences(daemon.errors(), "needs a restart: port-max 64 → 128"), 2);
}

// To a sound card and back. The card is the test card, whose clock paces the
// alsa driver as hardware does: ALSA's `null` device never waits, so a server
// on it spins a core, and the clients it floods with cycles fall behind.
TEST(Reload, DummyToAlsaCardAndBackKeepsClients) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("reloadcard");
    ConfigFile file("reload-switch");
    file.write(dummy("256"));
    Daemon daemon(test::unique_server_name("reload-switch"), {"--config", file.path()},
                  {{"HOME", card.home()}, {"JACK_NO_AUDIO_RESERVATION", "1"}});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    auto metro = metro_connected(daemon);
    ASSERT_TRUE(metro) << "jack_metro did not come up and connect";

    file.write("[server]\nrealtime = false\nport-max = 64\n[driver]\nname = \"alsa\"\n"
               "device = \"reloadcard\"\nperiod = 512\n");
    daemon.signal(SIGHUP);
    EXPECT_TRUE(daemon.wait_logged("reload: driver dummy → alsa")) << daemon.errors();
    EXPECT_TRUE(test::wait_until([&] { return bufsize_is(daemon, "512"); }));
    EXPECT_TRUE(lists(daemon, metro_port));

    file.write(dummy("128"));
    daemon.signal(SIGHUP);
    EXPECT_TRUE(daemon.wait_logged("reload: driver alsa → dummy")) << daemon.errors();
    EXPECT_TRUE(test::wait_until([&] { return bufsize_is(daemon, "128"); }));
    EXPECT_TRUE(lists(daemon, metro_port));
    EXPECT_TRUE(connected(daemon));
    EXPECT_TRUE(metro->running());
}

// Fifty SIGHUPs back to back, the file changing between each: the signals
// that arrive during a reload wait for the next one, so the last file is what
// runs; the client, its connection and a clean stop all survive.
TEST(Reload, AStormOfSighupsEndsOnTheLastFileWithClientsKept) {
    ConfigFile file("reload-storm");
    file.write(dummy("256"));
    Daemon daemon(test::unique_server_name("storm"), {"--config", file.path()});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    auto metro = metro_connected(daemon);
    ASSERT_TRUE(metro) << "jack_metro did not come up and connect";

    for (int round = 0; round < 50; ++round) {
        file.write(dummy(round % 2 == 0 ? "128" : "512"));
        daemon.signal(SIGHUP);
    }
    // Clients ask only once the last switch is done: one that connects while
    // JACK switches drivers can wedge the switch (JACK2 1.9.21, seen once
    // under ctest -j2). Once the latest switch went to 512, any reload still
    // pending reads the last file, 512 too, and switches nothing.
    EXPECT_TRUE(test::wait_until([&] { return last_reload_went_to(daemon, "period 512 frames"); }))
        << daemon.errors();
    EXPECT_TRUE(test::wait_until([&] { return bufsize_is(daemon, "512"); })) << daemon.errors();
    EXPECT_TRUE(connected(daemon)) << daemon.client({"jack_lsp", "-c"}).output;
    EXPECT_TRUE(metro->running());
    EXPECT_THAT(daemon.errors(), testing::Not(HasSubstr("keeps running unchanged")));

    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit) << "still running";
    EXPECT_EQ(exit->status, 0) << daemon.errors();
    EXPECT_FALSE(test::serving(daemon.name()));
    EXPECT_EQ(test::describe(test::jack_files_of(daemon.name())), "");
}

// JACK closes the old driver before it opens the new one; when the new one
// fails, the engine runs no driver and libjackserver cannot stop it safely.
// The process then ends at once with 75 without unregistering the server, and
// JACK reclaims a dead server's registry entry only under the same name: the
// restart at the end does, and a fixed name keeps even a failed run's entry
// from piling up.
TEST(Reload, ADriverJackRefusesEndsWith75) {
    auto name = test::fixed_name("reload-refused");
    ConfigFile file("reload-refused");
    file.write(dummy("256"));
    test::Process daemon({test::jack_server_binary(), "-n", name, "--config", file.path()},
                         test::client_environment(name));
    ASSERT_TRUE(test::wait_until([&] { return test::serving(name); })) << daemon.errors();

    file.write("[server]\nrealtime = false\nport-max = 64\n[driver]\nname = \"alsa\"\n"
               "device = \"hw:99\"\n");
    daemon.signal(SIGHUP);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 75);
    EXPECT_THAT(daemon.errors(), HasSubstr("reload: cannot switch to driver 'alsa'"));
    EXPECT_THAT(daemon.errors(), HasSubstr("the engine runs no driver: exiting with status 75"));
    test::expect_a_restart_serves_and_cleans_up(name);
}

// A driver switch JACK never returns from: the new device's open blocks (ALSA's
// file plugin opening a FIFO that nobody reads). The daemon's main thread is
// stuck inside JACK; the reload's deadline (--reload-timeout, 1 s here) ends
// the process with 75. Like the test above, a fixed name, whose registry entry a restart reclaims.
TEST(Reload, ADriverSwitchThatNeverReturnsEndsWith75) {
    auto name = test::fixed_name("reload-wedged");
    test::FifoCard card("wedgecard"); // nobody reads it: opening it blocks
    ConfigFile file("reload-wedged");
    file.write("[daemon]\nreload-timeout = \"1s\"\n" + dummy("256"));
    Daemon daemon(name, {"--config", file.path()}, {{"HOME", card.home()}});
    ASSERT_TRUE(daemon.wait_ready()) << daemon.errors();

    file.write("[daemon]\nreload-timeout = \"1s\"\n[server]\nrealtime = false\nport-max = 64\n"
               "[driver]\nname = \"alsa\"\nplayback = \"wedgecard\"\nperiod = 256\n");
    daemon.signal(SIGHUP);
    auto exit = daemon.wait(std::chrono::seconds(30));
    ASSERT_TRUE(exit) << "still running: " << daemon.errors();
    EXPECT_EQ(exit->status, 75);
    EXPECT_THAT(daemon.errors(), HasSubstr("reload did not finish within 1 s; exiting with "
                                           "status 75 for a restart"));
    test::expect_a_restart_serves_and_cleans_up(name);
}

TEST(ConfigFile, TheCommandLineOverridesTheFile) {
    ConfigFile file("override");
    file.write(dummy("256", "name = \"ignored\""));
    Daemon daemon(test::unique_server_name("override"),
                  {"--config", file.path(), "-d", "dummy", "-p", "128"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    EXPECT_TRUE(bufsize_is(daemon, "128"));
}

TEST(ConfigFile, AnErrorExits78WithFileLineAndHintAndStartsNothing) {
    ConfigFile file("bad");
    file.write("[driver]\nname = \"dummy\"\nperoid = 64\n");
    auto name = test::unique_server_name("bad-config");
    auto result = jack_server({"-n", name, "--config", file.path()});
    EXPECT_EQ(result.exit.status, 78);
    EXPECT_THAT(result.errors, HasSubstr(file.path() + ":3: unknown key 'peroid' in [driver]"));
    EXPECT_THAT(result.errors, HasSubstr("hint: did you mean 'period'?"));
    EXPECT_FALSE(test::serving(name));
}

TEST(ConfigFile, CheckSaysOkOrGives64Or78) {
    ConfigFile file("check");
    file.write(dummy("256"));
    auto name = test::unique_server_name("check");
    auto ok = jack_server({"-n", name, "--check", "--config", file.path()});
    EXPECT_EQ(ok.exit.status, 0) << ok.errors;
    EXPECT_THAT(ok.output, HasSubstr("configuration OK: server '" + name +
                                     "': driver dummy, rate 48000 Hz, period 256 frames"));
    EXPECT_EQ(jack_server({"--check", "-d", "dummy", "-r", "48k"}).exit.status, 64);
    file.write("[driver]\nname = \"dummy\"\nrate = -1\n");
    EXPECT_EQ(jack_server({"--check", "--config", file.path()}).exit.status, 78);
    auto missing = jack_server({"--check", "-C", "/nonexistent/session", "-d", "dummy"});
    EXPECT_EQ(missing.exit.status, 64);
    EXPECT_THAT(missing.errors, HasSubstr("cannot read session file '/nonexistent/session'"));
    EXPECT_FALSE(test::serving(name));
}

TEST(ConfigFile, PrintConfigTurnsAJackdLineIntoAFile) {
    // Each value's origin is a comment after it: the same values read back
    // from the file say the file's lines instead.
    auto values = [](const std::string& text) {
        return std::regex_replace(text, std::regex(" +# [^\n]*"), "");
    };
    auto printed = jack_server({"--print-config", "-d", "alsa", "-d", "hw:1", "-r", "48000"});
    EXPECT_EQ(printed.exit.status, 0) << printed.errors;
    EXPECT_THAT(values(printed.output),
                HasSubstr("[driver]\nname = \"alsa\"\ndevice = \"hw:1\"\n"));
    EXPECT_THAT(printed.output, HasSubstr("rate = 48000                             # command "
                                          "line -r/--rate\n"));
    EXPECT_THAT(printed.output,
                HasSubstr("# card-return-hold = \"10s\"               # default\n"));
    ConfigFile file("printed");
    file.write(printed.output);
    auto again = jack_server({"--print-config", "--config", file.path()});
    EXPECT_EQ(values(again.output), values(printed.output));
    EXPECT_THAT(again.output, HasSubstr(fmt::format("rate = 48000                             # "
                                                    "{}:",
                                                    file.path())));
    auto json = jack_server({"--print-config=json", "--config", file.path()});
    EXPECT_THAT(json.output,
                HasSubstr("\"set\": [\n    \"driver.device\",\n    \"driver.rate\"\n"));
}

TEST(ConfigFile, TheExampleFileChecks) {
    auto result = jack_server({"--check", "--config", JACK_SERVER_EXAMPLE_CONFIG});
    EXPECT_EQ(result.exit.status, 0) << result.errors;
}

// libjackserver takes its default server name from JACK_DEFAULT_SERVER, so a
// daemon and the clients of one environment meet without -n.
TEST(ConfigFile, JackDefaultServerNamesTheServer) {
    auto name = test::unique_server_name("default-env");
    test::Process daemon({test::jack_server_binary(), "-r", "-p", "64", "-d", "dummy"},
                         test::client_environment(name));
    EXPECT_TRUE(test::wait_until([&] { return test::serving(name); })) << daemon.errors();
    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0);
}

} // namespace
