// SPDX-License-Identifier: GPL-2.0-or-later
// Extra cards (--card, [[card]]): the test card as several cards on one
// machine, each run beside the master by a bridge (zita-a2j, zita-j2a) as
// the JACK client NAME, unplugged and plugged in turn: its ports go and
// come back, its [[connect]] connections with them, and the master goes on
// without an xrun.

#include "binaries.hpp"
#include "daemon.hpp"
#include "files.hpp"
#include "test_card.hpp"

#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <signal.h>
#include <sstream>
#include <thread>

using test::Daemon;
using testing::HasSubstr;

namespace {

using namespace std::chrono_literals;

bool has_port(const Daemon& daemon, const std::string& port) {
    auto listed = daemon.client({"jack_lsp"}).output;
    return listed.find(port + "\n") != std::string::npos;
}

// Whether `port` is connected to `other` (jack_lsp -c lists a port's
// connections indented under it).
bool connected(const Daemon& daemon, const std::string& port, const std::string& other) {
    auto listed = daemon.client({"jack_lsp", "-c", port}).output;
    return listed.find("\n   " + other + "\n") != std::string::npos;
}

// The engine's xruns JACK blamed on the card's own clients (NAME,
// NAME-playback) in the log from its detach on: a bridge that died in the
// middle of a cycle would leave the graph waiting for it ("JackEngine::XRun:
// client = NAME was not finished"). Other clients late on a loaded machine
// (no realtime here) do not count against the detach.
std::string xruns_blamed_on_detach(const Daemon& daemon, const std::string& card) {
    auto errors = daemon.errors();
    auto detached = errors.rfind("card " + card + ": away");
    if (detached == std::string::npos)
        return "no detach logged";
    // A client that closes as a cycle begins is found "Triggered" once (JACK
    // reports any client closing mid-cycle so, a loaded machine's too); one
    // killed inside its callback leaves the graph waiting ("Running"), cycle
    // after cycle.
    std::string blamed;
    std::set<std::string> closing_seen;
    std::istringstream lines(errors.substr(detached));
    for (std::string line; std::getline(lines, line);) {
        for (const auto& client : {card, card + "-playback"}) {
            if (line.find("XRun: client = " + client + " ") == std::string::npos)
                continue;
            if (line.find("state = Triggered") != std::string::npos &&
                closing_seen.insert(client).second)
                continue;
            blamed += line + "\n";
        }
    }
    return blamed;
}

TEST(ExtraCards, TwoCardsPluggedAndUnpluggedInTurnComeBackConnected) {
    SKIP_WITHOUT_TEST_CARD();
    // The master on a card too (a timed driver such as dummy counts an xrun
    // for each late wake of a loaded machine, cards or not).
    test::TestCard master_card("rigmaster", 0);
    test::TestCard mic_card("rigmic", 1, master_card);
    test::TestCard out_card("rigout", 2, master_card);
    auto mic = test::unique_client_name("mic");
    auto out = test::unique_client_name("out");
    auto stats = test::temporary_path("extra-cards-stats.json");
    Daemon daemon(test::unique_server_name("extra-cards"),
                  {"-r", "--stats-file", stats, "--card", mic + "=rigmic", "--card",
                   out + "=rigout", "--connect", mic + ":capture_*=system:playback_*", "--connect",
                   "system:capture_*=" + out + ":playback_*", "-d", "alsa", "-d", "rigmaster", "-p",
                   "256", "-n", "3"},
                  {{"HOME", master_card.home()}, {"JACK_NO_AUDIO_RESERVATION", "1"}});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();

    auto attached = [&](const std::string& card) {
        return test::wait_until([&] {
            return has_port(daemon, card + ":capture_1") && has_port(daemon, card + ":capture_2") &&
                   has_port(daemon, card + "-playback:playback_2");
        });
    };
    // Pairs in order, as the patterns want: each port to its number, and
    // none to another (a bridge registers its ports one by one).
    auto wired = [&] {
        return test::wait_until([&] {
            return connected(daemon, mic + ":capture_1", "system:playback_1") &&
                   connected(daemon, mic + ":capture_2", "system:playback_2") &&
                   !connected(daemon, mic + ":capture_1", "system:playback_2") &&
                   connected(daemon, "system:capture_1", out + "-playback:playback_1") &&
                   connected(daemon, "system:capture_2", out + "-playback:playback_2") &&
                   !connected(daemon, "system:capture_2", out + "-playback:playback_1");
        });
    };
    ASSERT_TRUE(attached(mic)) << daemon.errors();
    ASSERT_TRUE(attached(out)) << daemon.errors();
    EXPECT_TRUE(wired()) << daemon.client({"jack_lsp", "-c"}).output;
    // The playback side goes by NAME:playback_N too: an alias JACK's tools
    // take (jack_connect, jack_lsp -A).
    EXPECT_THAT(daemon.client({"jack_lsp", "-A"}).output,
                HasSubstr(out + "-playback:playback_1\n   " + out + ":playback_1\n"));
    EXPECT_EQ(daemon.client({"jack_connect", "system:capture_1", out + ":playback_2"}).exit.status,
              0);
    EXPECT_TRUE(connected(daemon, "system:capture_1", out + "-playback:playback_2"));

    for (const auto* card : {&mic_card, &out_card}) {
        const auto& name = card == &mic_card ? mic : out;
        SCOPED_TRACE(name);
        card->unplug();
        ASSERT_TRUE(test::wait_until([&] { return !has_port(daemon, name + ":capture_1"); }))
            << daemon.errors();
        ASSERT_TRUE(daemon.wait_logged("card " + name + ": away")) << daemon.errors();
        const auto& other = card == &mic_card ? out : mic;
        EXPECT_TRUE(has_port(daemon, other + ":capture_1")) << "the other card went too";
        daemon.signal(SIGUSR1);
        EXPECT_TRUE(daemon.wait_logged(name + " away")) << daemon.errors();
        EXPECT_EQ(xruns_blamed_on_detach(daemon, name), "") << "the detach disturbed the master";
        card->plug();
        ASSERT_TRUE(attached(name)) << daemon.errors();
        EXPECT_TRUE(wired()) << daemon.client({"jack_lsp", "-c"}).output;
    }
    daemon.signal(SIGUSR1);
    EXPECT_TRUE(daemon.wait_logged("cards " + mic + " present (")) << daemon.errors();
    EXPECT_TRUE(daemon.wait_logged(out + " present (")) << daemon.errors();

    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << daemon.errors();
    auto figures = nlohmann::json::parse(test::read_file(stats));
    ASSERT_EQ(figures.at("cards").size(), 2u) << figures.dump();
    EXPECT_EQ(figures.at("cards")[0].at("name"), mic);
    EXPECT_EQ(figures.at("cards")[0].at("attached"), 2);
    EXPECT_EQ(figures.at("cards")[1].at("attached"), 2);
    std::remove(stats.c_str());
}

// A card declared in a config file ([[card]]) whose device is not there at
// start: the server serves, the card is away, and it is attached once it
// appears, one direction only as the table asks.
TEST(ExtraCards, ACardTableWhoseCardAppearsLaterIsAttached) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("laterin", 3);
    card.unplug();
    auto name = test::unique_client_name("later");
    test::ConfigFile file("extra-card");
    file.write("[driver]\nname = \"dummy\"\nperiod = 256\n[server]\nrealtime = false\n"
               "[[card]]\nname = \"" +
               name + "\"\ndevice = \"laterin\"\nplayback = false\nchannels = 2\n");
    Daemon daemon(test::unique_server_name("extra-later"), {"--config", file.path()},
                  {{"HOME", card.home()}, {"JACK_NO_AUDIO_RESERVATION", "1"}});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    daemon.signal(SIGUSR1);
    EXPECT_TRUE(daemon.wait_logged("cards " + name + " away")) << daemon.errors();
    EXPECT_FALSE(has_port(daemon, name + ":capture_1"));

    card.plug();
    ASSERT_TRUE(test::wait_until([&] { return has_port(daemon, name + ":capture_1"); }))
        << daemon.errors();
    EXPECT_TRUE(has_port(daemon, name + ":capture_2"));
    EXPECT_FALSE(has_port(daemon, name + ":capture_3"));
    EXPECT_FALSE(has_port(daemon, name + ":playback_1")) << "playback = false not taken";
    EXPECT_FALSE(has_port(daemon, name + "-playback:playback_1")) << "playback = false not taken";
}

// A reload (SIGHUP) takes the file's cards: one added is attached, one no
// longer declared is detached; the one kept keeps running.
TEST(ExtraCards, AReloadAddsAndRemovesCards) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard first_card("reloadone", 1);
    test::TestCard second_card("reloadtwo", 2, first_card);
    auto first = test::unique_client_name("one");
    auto second = test::unique_client_name("two");
    auto card = [](const std::string& name, const std::string& device) {
        return "[[card]]\nname = \"" + name + "\"\ndevice = \"" + device + "\"\nplayback = false\n";
    };
    const std::string server = "[driver]\nname = \"dummy\"\nperiod = 256\n[server]\n"
                               "realtime = false\n";
    test::ConfigFile file("extra-card-reload");
    file.write(server + card(first, "reloadone"));
    Daemon daemon(test::unique_server_name("extra-reload"), {"--config", file.path()},
                  {{"HOME", first_card.home()}, {"JACK_NO_AUDIO_RESERVATION", "1"}});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    ASSERT_TRUE(test::wait_until([&] { return has_port(daemon, first + ":capture_1"); }))
        << daemon.errors();

    file.write(server + card(first, "reloadone") + card(second, "reloadtwo"));
    daemon.signal(SIGHUP);
    ASSERT_TRUE(test::wait_until([&] { return has_port(daemon, second + ":capture_1"); }))
        << daemon.errors();
    EXPECT_TRUE(has_port(daemon, first + ":capture_1"));

    file.write(server + card(second, "reloadtwo"));
    daemon.signal(SIGHUP);
    ASSERT_TRUE(test::wait_until([&] { return !has_port(daemon, first + ":capture_1"); }))
        << daemon.errors();
    EXPECT_THAT(daemon.errors(), HasSubstr("card " + first + ": no longer declared"));
    EXPECT_TRUE(has_port(daemon, second + ":capture_1"));
    EXPECT_THAT(daemon.errors(), testing::Not(HasSubstr("card " + second + ": away")))
        << "the card kept was restarted";
}

// The ratios in a new status line for card (SIGUSR1's "cards NAME present
// (capture ratio X, playback ratio Y, xruns N)"), when it has them.
std::optional<std::pair<double, double>> ratios_in_status(Daemon& daemon, const std::string& card) {
    std::regex status(card + R"( present \(capture ratio ([0-9.]+), playback ratio ([0-9.]+),)");
    auto statuses = [&] {
        std::vector<std::pair<double, double>> found;
        auto errors = daemon.errors();
        for (std::sregex_iterator match(errors.begin(), errors.end(), status), end; match != end;
             ++match)
            found.emplace_back(std::stod((*match)[1]), std::stod((*match)[2]));
        return found;
    };
    auto before = statuses().size();
    daemon.signal(SIGUSR1);
    std::vector<std::pair<double, double>> after;
    if (!test::wait_until([&] { return (after = statuses()).size() > before; }, 2s))
        return std::nullopt;
    return after.back();
}

// The card's figures come from its bridges' own trace: the resampling ratio
// of a card whose clock is 4000 ppm fast (capture takes 1/1.004 of its
// frames, playback gives it 1.004 times the engine's), told from a card
// on time (1) on a loaded machine too; and a stall of its clock, which
// breaks its streams, among its xruns.
TEST(ExtraCards, ItsRatioAndItsStreamsBreaksAreReported) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("fastcard", 1, {.ppm = 4000});
    auto name = test::unique_client_name("fast");
    auto stats = test::temporary_path("extra-cards-ratio.json");
    Daemon daemon(test::unique_server_name("extra-ratio"),
                  {"--stats-file", stats, "--card", name + "=fastcard", "-d", "dummy", "-p", "256"},
                  {{"HOME", card.home()}, {"JACK_NO_AUDIO_RESERVATION", "1"}});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    ASSERT_TRUE(test::wait_until([&] { return has_port(daemon, name + ":capture_1"); }))
        << daemon.errors();

    const double capture = 1 / 1.004, playback = 1.004;
    auto near = [](double ratio, double expected) {
        return std::abs(ratio / expected - 1) < 15e-4;
    };
    std::optional<std::pair<double, double>> ratios;
    EXPECT_TRUE(test::wait_until([&] {
        ratios = ratios_in_status(daemon, name);
        return ratios && near(ratios->first, capture) && near(ratios->second, playback);
    })) << (ratios ? fmt::format("capture {}, playback {}", ratios->first, ratios->second)
                   : "no ratio in the status: " + daemon.errors());

    card.stall();
    std::this_thread::sleep_for(3s); // the gap in the card's stream, not a synchronisation
    card.plug();
    // A bridge finds the gap ("excessive timing errors") and restarts its
    // stream, or loses track of the card's clock for good (its ratio nan),
    // and the daemon attaches the card afresh.
    EXPECT_TRUE(test::wait_until([&] {
        auto errors = daemon.errors();
        return errors.find(": Detected excessive timing errors") != std::string::npos ||
               errors.find("lost track of its clock") != std::string::npos;
    })) << daemon.errors();

    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << daemon.errors();
    auto figures = nlohmann::json::parse(test::read_file(stats));
    std::remove(stats.c_str());
    ASSERT_EQ(figures.at("cards").size(), 1u) << figures.dump();
    const auto& figure = figures.at("cards")[0];
    EXPECT_GE(figure.at("restarts").get<unsigned>(), 1u) << figure.dump();
    EXPECT_GE(figure.at("xruns").get<unsigned>(), figure.at("restarts").get<unsigned>());
}

TEST(ExtraCards, ABadCardIsRefusedWithOneLine) {
    auto bad = test::run({test::jack_server_binary(), "--card", "nodevice", "-d", "dummy"});
    EXPECT_EQ(bad.exit.status, 64);
    EXPECT_THAT(bad.errors, HasSubstr("invalid value 'nodevice' for --card: expected NAME=DEVICE"));
    auto twice = test::run(
        {test::jack_server_binary(), "--card", "a=hw:1", "--card", "a=hw:2", "-d", "dummy"});
    EXPECT_EQ(twice.exit.status, 64);
    EXPECT_THAT(twice.errors, HasSubstr("expected a name no other card has"));
}

} // namespace
