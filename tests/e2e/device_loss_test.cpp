// SPDX-License-Identifier: GPL-2.0-or-later
// The sound card goes away under a running server, as a USB card pulled out
// mid-show: the test card, unplugged, fails every call with ENODEV. JACK's
// alsa driver then stops its thread at once ("read error, stopping...");
// jack-server either exits 75 at once, or runs on the fallback driver with
// every client and connection kept.

#include "binaries.hpp"
#include "daemon.hpp"
#include "fifo_card.hpp"
#include "files.hpp"
#include "shm.hpp"
#include "test_card.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <optional>
#include <signal.h>

using test::Daemon;
using testing::HasSubstr;

namespace {

using namespace std::chrono_literals;

const std::string metro_name = test::unique_client_name("lossmetro");
const std::string metro_port = metro_name + ":120_bpm";

// A server on the card; a stall timeout far longer than any test, so that
// only the device's loss can end it quickly.
std::unique_ptr<Daemon> on_card(const test::TestCard& card, const std::string& name,
                                std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"-r", "--stall-timeout", "60s"};
    args.insert(args.end(), extra.begin(), extra.end());
    for (const auto& word : {"-d", "alsa", "-d"})
        args.emplace_back(word);
    args.push_back(card.name());
    args.insert(args.end(), {"-p", "256"});
    return std::make_unique<Daemon>(name, args,
                                    std::map<std::string, std::string>{
                                        {"HOME", card.home()}, {"JACK_NO_AUDIO_RESERVATION", "1"}});
}

std::unique_ptr<test::Process> metro_on_playback(const Daemon& daemon) {
    auto metro = std::make_unique<test::Process>(
        std::vector<std::string>{"jack_metro", "-b", "120", "-n", metro_name},
        test::client_environment(daemon.name()));
    if (!test::wait_until([&] {
            return daemon.client({"jack_lsp"}).output.find(metro_port) != std::string::npos;
        }) ||
        daemon.client({"jack_connect", metro_port, "system:playback_1"}).exit.status != 0)
        return nullptr;
    return metro;
}

// Waits until the daemon has logged text the n-th time.
bool logged_times(const Daemon& daemon, const std::string& text, int n) {
    return test::wait_until(
        [&] {
            auto errors = daemon.errors();
            int seen = 0;
            for (auto at = errors.find(text); at != std::string::npos;
                 at = errors.find(text, at + text.size()))
                ++seen;
            return seen >= n;
        },
        20s);
}

bool metro_connected(const Daemon& daemon) {
    return daemon.client({"jack_lsp", "-c", metro_port}).output.find("system:playback_1") !=
           std::string::npos;
}

TEST(DeviceLoss, WithNoFallbackItExits75AtOnceNamingTheDevice) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("losscard");
    auto daemon = on_card(card, test::unique_server_name("loss"));
    ASSERT_TRUE(daemon->wait_serving()) << daemon->errors();
    auto metro = metro_on_playback(*daemon);
    ASSERT_TRUE(metro) << "jack_metro did not come up and connect";

    card.unplug();
    auto unplugged = std::chrono::steady_clock::now();
    auto exit = daemon->wait(20s);
    ASSERT_TRUE(exit) << "still running: " << daemon->errors();
    EXPECT_EQ(exit->status, 75);
    EXPECT_LT(std::chrono::steady_clock::now() - unplugged, 5s) << "waited for the stall timeout";
    EXPECT_THAT(daemon->errors(),
                HasSubstr("the device was lost: ALSA: prepare error for playback on \"losscard\" "
                          "(No such device)"));
    EXPECT_THAT(daemon->errors(), HasSubstr("device losscard"));
    EXPECT_EQ(test::describe(test::jack_files_of(daemon->name())), "");
}

TEST(DeviceLoss, TheFallbackKeepsClientsAndConnections) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("fallbackcard");
    auto daemon = on_card(card, test::unique_server_name("fallback"), {"--fallback", "dummy"});
    ASSERT_TRUE(daemon->wait_serving()) << daemon->errors();
    auto metro = metro_on_playback(*daemon);
    ASSERT_TRUE(metro) << "jack_metro did not come up and connect";

    card.unplug();
    ASSERT_TRUE(daemon->wait_logged("on fallback: server")) << daemon->errors();
    EXPECT_THAT(daemon->errors(), HasSubstr("switching to the fallback dummy"));
    EXPECT_TRUE(metro_connected(*daemon)) << daemon->client({"jack_lsp", "-c"}).output;
    EXPECT_EQ(daemon->client({"jack_bufsize"}).output, "256\n");
    EXPECT_TRUE(test::cycles(daemon->name())) << "the engine does not cycle on the fallback";
    EXPECT_TRUE(metro->running());

    daemon->signal(SIGUSR1);
    EXPECT_TRUE(daemon->wait_logged("(on fallback for ")) << daemon->errors();
    daemon->signal(SIGTERM);
    auto exit = daemon->wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << daemon->errors();
}

// JACK closed the lost driver before it failed to open the fallback: the
// engine runs no driver, and the process ends at once leaving its registry
// entry (see Reload.ADriverJackRefusesEndsWith75), hence a fixed name.
TEST(DeviceLoss, AFallbackThatCannotOpenEnds75WithBothReasons) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("badfallbackcard");
    auto name = test::fixed_name("bad-fallback");
    auto daemon = on_card(card, name, {"--fallback", "alsa:hw:99"});
    ASSERT_TRUE(daemon->wait_serving()) << daemon->errors();

    card.unplug();
    auto exit = daemon->wait(20s);
    ASSERT_TRUE(exit) << "still running: " << daemon->errors();
    EXPECT_EQ(exit->status, 75);
    EXPECT_THAT(daemon->errors(), HasSubstr("the device was lost: ALSA: "));
    EXPECT_THAT(daemon->errors(), HasSubstr("the fallback alsa:hw:99 failed too: "));
    test::expect_a_restart_serves_and_cleans_up(name);
}

// Plugged in again, the card is found within the probe interval (1 s) and
// the engine returns to it; clients and connections stay. A second unplug
// goes to the fallback again.
TEST(DeviceLoss, TheCardIsTakenBackOncePluggedInAgain) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("backcard");
    auto daemon = on_card(card, test::unique_server_name("back"), {"--fallback", "dummy"});
    ASSERT_TRUE(daemon->wait_serving()) << daemon->errors();
    auto metro = metro_on_playback(*daemon);
    ASSERT_TRUE(metro) << "jack_metro did not come up and connect";

    card.unplug();
    ASSERT_TRUE(daemon->wait_logged("on fallback: server")) << daemon->errors();
    card.plug();
    ASSERT_TRUE(daemon->wait_logged("back on the card: server")) << daemon->errors();
    EXPECT_THAT(daemon->errors(), HasSubstr("the card is back: returning to driver alsa"));
    EXPECT_TRUE(test::wait_until([&] { return metro_connected(*daemon); }))
        << daemon->client({"jack_lsp", "-c"}).output;
    EXPECT_TRUE(metro->running());

    card.unplug();
    EXPECT_TRUE(logged_times(*daemon, "on fallback: server", 2)) << daemon->errors();
    EXPECT_TRUE(metro_connected(*daemon));
    EXPECT_TRUE(daemon->running());
}

// A card that comes and goes: each unplug goes to the fallback, each replug
// back to the card, jack_metro running and connected throughout; a return
// never comes sooner than --card-return-hold after the one before, however
// soon the card is back.
TEST(DeviceLoss, ThreeUnplugsAndReplugsInARowKeepEveryClient) {
    constexpr auto hold = 4s;
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("cyclecard");
    auto daemon = on_card(card, test::unique_server_name("cycles"),
                          {"--fallback", "dummy", "--card-return-hold", "4s"});
    ASSERT_TRUE(daemon->wait_serving()) << daemon->errors();
    auto metro = metro_on_playback(*daemon);
    ASSERT_TRUE(metro) << "jack_metro did not come up and connect";

    std::optional<std::chrono::steady_clock::time_point> last_return;
    for (int round = 1; round <= 3; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        card.unplug();
        ASSERT_TRUE(logged_times(*daemon, "on fallback: server", round)) << daemon->errors();
        EXPECT_TRUE(test::cycles(daemon->name())) << "the engine does not cycle on the fallback";
        card.plug();
        ASSERT_TRUE(logged_times(*daemon, "back on the card: server", round)) << daemon->errors();
        auto returned = std::chrono::steady_clock::now();
        if (last_return)
            EXPECT_GE(returned - *last_return, hold - 1s) << "returned within the hold";
        last_return = returned;
        EXPECT_TRUE(test::wait_until([&] { return metro_connected(*daemon); }))
            << daemon->client({"jack_lsp", "-c"}).output;
        EXPECT_TRUE(test::cycles(daemon->name())) << "the engine does not cycle on the card";
        EXPECT_TRUE(metro->running());
    }
    daemon->signal(SIGTERM);
    auto exit = daemon->wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << daemon->errors();
    EXPECT_EQ(test::describe(test::jack_files_of(daemon->name())), "");
}

// A reload while the card is away: switching to a card that does not open
// would leave the engine with no driver, so the server stays on the fallback
// and takes the card back, with the reloaded period, once it is plugged in.
TEST(DeviceLoss, AReloadWhileTheCardIsAwayStaysOnTheFallback) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("reloadawaycard");
    test::ConfigFile file("reload-away");
    auto on_card_with_period = [&](const std::string& period) {
        file.write("[server]\nrealtime = false\n[driver]\nname = \"alsa\"\ndevice = "
                   "\"reloadawaycard\"\nperiod = " +
                   period +
                   "\n[daemon]\nfallback = \"dummy\"\ncard-return-hold = \"1s\"\n"
                   "stall-timeout = \"60s\"\n");
    };
    on_card_with_period("256");
    Daemon daemon(test::unique_server_name("reload-away"), {"--config", file.path()},
                  {{"HOME", card.home()}, {"JACK_NO_AUDIO_RESERVATION", "1"}});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    auto metro = metro_on_playback(daemon);
    ASSERT_TRUE(metro) << "jack_metro did not come up and connect";

    card.unplug();
    ASSERT_TRUE(daemon.wait_logged("on fallback: server")) << daemon.errors();
    on_card_with_period("512");
    daemon.signal(SIGHUP);
    ASSERT_TRUE(daemon.wait_logged("staying on the fallback")) << daemon.errors();
    EXPECT_TRUE(daemon.running());
    EXPECT_EQ(daemon.client({"jack_bufsize"}).output, "256\n");
    EXPECT_TRUE(test::cycles(daemon.name())) << "the engine does not cycle on the fallback";

    card.plug();
    ASSERT_TRUE(daemon.wait_logged("back on the card: server")) << daemon.errors();
    EXPECT_EQ(daemon.client({"jack_bufsize"}).output, "512\n");
    EXPECT_TRUE(test::wait_until([&] { return metro_connected(daemon); }))
        << daemon.client({"jack_lsp", "-c"}).output;
    EXPECT_TRUE(metro->running());
}

// Built without ALSA (JACK_SERVER_ALSA=OFF), the lost card cannot be watched:
// --fallback says so once at start, not first when the card is gone. Built
// with it, nothing of the kind is said.
TEST(DeviceLoss, AFallbackSaysAtStartWhenTheBuildCannotWatchTheCard) {
    const std::string line = "fallback: built without ALSA: the lost card is not watched; "
                             "reload or restart to go back to it";
    Daemon daemon(test::unique_server_name("unwatched"), {"--fallback", "dummy", "-d", "dummy"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    auto errors = daemon.errors();
    if (JACK_SERVER_HAVE_ALSA) {
        EXPECT_THAT(errors, testing::Not(HasSubstr("built without ALSA"))) << errors;
    } else {
        auto first = errors.find(line);
        ASSERT_NE(first, std::string::npos) << errors;
        EXPECT_EQ(errors.find(line, first + 1), std::string::npos) << errors;
    }
}

TEST(DeviceLoss, AFallbackThatIsNoMasterDriverIsRefused) {
    auto result = test::run({test::jack_server_binary(), "--fallback", "sausage", "-d", "dummy"});
    EXPECT_EQ(result.exit.status, 64);
    EXPECT_THAT(result.errors, HasSubstr("invalid value 'sausage' for --fallback: expected a "
                                         "master driver"));
}

} // namespace

namespace {

// A snapcast-style playback device: ALSA's file plugin writing into a FIFO.
// Its reader dies: the driver's writes fail, the server goes to the
// fallback. The card still opens (the plugin opens its FIFO only at the
// hardware parameters), but cannot run until a reader is back: the return
// probe configures it as JACK will, so the server stays on the fallback,
// serving every client, and returns once a reader is there again.
TEST(DeviceLoss, AFifoWhoseReaderDiedIsNotReturnedToUntilAReaderIsBack) {
    SKIP_WITHOUT_TEST_CARD();
    test::FifoCard card("returnfifo");
    auto reader = std::make_unique<test::FifoReader>(card);
    Daemon daemon(test::unique_server_name("fifo-return"),
                  {"-r", "--stall-timeout", "60s", "--fallback", "dummy", "-d", "alsa", "-P",
                   "returnfifo", "-p", "256"},
                  {{"HOME", card.home()}, {"JACK_NO_AUDIO_RESERVATION", "1"}});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    ASSERT_TRUE(test::wait_until([&] { return reader->read() > 0; })) << "the card does not play";

    reader.reset();
    ASSERT_TRUE(daemon.wait_logged("on fallback: server")) << daemon.errors();
    // Several probes (one a second, each killed after 2 s) find it not back.
    EXPECT_FALSE(daemon.wait_logged("the card is back", 5s)) << daemon.errors();
    EXPECT_TRUE(test::cycles(daemon.name())) << "the fallback does not serve: " << daemon.errors();
    EXPECT_EQ(daemon.client({"jack_bufsize"}).output, "256\n");

    reader = std::make_unique<test::FifoReader>(card);
    ASSERT_TRUE(daemon.wait_logged("back on the card: server")) << daemon.errors();
    auto read_on_return = reader->read();
    EXPECT_TRUE(test::wait_until([&] { return reader->read() > read_on_return; }))
        << "back on the card, but it does not play";
    EXPECT_TRUE(test::cycles(daemon.name())) << "the engine does not cycle on the card";
    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << daemon.errors();
}

} // namespace
