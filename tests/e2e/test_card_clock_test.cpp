// SPDX-License-Identifier: GPL-2.0-or-later
// The test card's clock error (`ppm` in its pcm block, TestCard::Offer::ppm),
// which the resampling benchmark (tests/bench/extra_card_ratio.py) relies
// on: a card set 5 % fast or slow really runs so, as the master of a
// jack-server counting its cycles.

#include "daemon.hpp"
#include "test_card.hpp"

#include <ctime>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <signal.h>
#include <string>
#include <thread>
#include <vector>

using test::Daemon;

namespace {

using namespace std::chrono_literals;

// Each SIGUSR1's status line in the log: the time it was logged (seconds,
// from the log's millisecond timestamp) and the engine's cycles then.
struct Status {
    double at;
    double cycles;
};

std::vector<Status> statuses(const std::string& log) {
    static const std::regex line(
        R"((\d{4}-\d\d-\d\d \d\d:\d\d):(\d\d\.\d{3}) [^\n]*status: uptime [^\n]*cycles (\d+))");
    std::vector<Status> found;
    for (std::sregex_iterator it(log.begin(), log.end(), line), end; it != end; ++it) {
        std::tm minute{};
        strptime((*it)[1].str().c_str(), "%Y-%m-%d %H:%M", &minute);
        found.push_back(
            {double(timegm(&minute)) + std::stod((*it)[2].str()), std::stod((*it)[3].str())});
    }
    return found;
}

// The engine's cycles a second over about window, read from two status
// lines (SIGUSR1 samples the cycles as it logs); nullopt if they never came.
std::optional<double> cycles_per_second(Daemon& daemon, std::chrono::milliseconds window) {
    daemon.signal(SIGUSR1);
    if (!test::wait_until([&] { return statuses(daemon.errors()).size() >= 1; }))
        return std::nullopt;
    std::this_thread::sleep_for(window); // the measurement's span, no synchronisation
    daemon.signal(SIGUSR1);
    if (!test::wait_until([&] { return statuses(daemon.errors()).size() >= 2; }))
        return std::nullopt;
    auto found = statuses(daemon.errors());
    return (found[1].cycles - found[0].cycles) / (found[1].at - found[0].at);
}

TEST(TestCardClock, PpmMakesTheCardRunFastOrSlow) {
    SKIP_WITHOUT_TEST_CARD();
    // ±5 %: over 4 s a cycle more or less at each end (±0.3 %), and the
    // few cycles an xrun of a loaded machine loses, stay well inside.
    constexpr long ppm = 50'000;
    test::TestCard fast("clockfast", 0, {.ppm = ppm});
    test::TestCard slow("clockslow", 0, {.ppm = -ppm});
    auto run = [](const test::TestCard& card) {
        return std::make_unique<Daemon>(
            test::unique_server_name(card.name()),
            std::vector<std::string>{"-r", "-d", "alsa", "-d", card.name(), "-r", "48000", "-p",
                                     "256", "-n", "3"},
            std::map<std::string, std::string>{{"HOME", card.home()},
                                               {"JACK_NO_AUDIO_RESERVATION", "1"}});
    };
    auto fast_daemon = run(fast);
    auto slow_daemon = run(slow);
    ASSERT_TRUE(fast_daemon->wait_serving()) << fast_daemon->errors();
    ASSERT_TRUE(slow_daemon->wait_serving()) << slow_daemon->errors();

    std::optional<double> fast_rate, slow_rate;
    std::thread other([&] { slow_rate = cycles_per_second(*slow_daemon, 4s); });
    fast_rate = cycles_per_second(*fast_daemon, 4s);
    other.join();
    ASSERT_TRUE(fast_rate) << fast_daemon->errors();
    ASSERT_TRUE(slow_rate) << slow_daemon->errors();
    constexpr double nominal = 48000.0 / 256; // cycles a second
    EXPECT_NEAR(*fast_rate / nominal, 1.05, 0.02) << fast_daemon->errors();
    EXPECT_NEAR(*slow_rate / nominal, 0.95, 0.02) << slow_daemon->errors();

    for (auto* daemon : {fast_daemon.get(), slow_daemon.get()}) {
        daemon->signal(SIGTERM);
        auto exit = daemon->wait();
        ASSERT_TRUE(exit);
        EXPECT_EQ(exit->status, 0) << daemon->errors();
    }
}

} // namespace
