// SPDX-License-Identifier: GPL-2.0-or-later
// A letter-valued driver option takes the word jackd's manual names it by:
// "-z --dither [rectangular,triangular,shaped,none]", which jackd reads by its
// first letter. The same command line starts on jackd and on jack-server.

#include "binaries.hpp"
#include "daemon.hpp"
#include "test_card.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

using testing::HasSubstr;

namespace {

using namespace std::chrono_literals;

struct Served {
    bool served = false;
    std::optional<test::Exit> exit; // after SIGTERM, or when it ended by itself
    std::string said;               // stdout and stderr: jackd writes JACK's information to stdout
};

// Runs argv as the server of that name, with HOME holding the test card,
// until a client can connect, then stops it.
Served serve_once(const std::string& name, std::vector<std::string> argv,
                  const test::TestCard& card) {
    auto environment = test::client_environment(name);
    environment["HOME"] = card.home();
    environment["JACK_NO_AUDIO_RESERVATION"] = "1";
    test::Process server(std::move(argv), environment);
    Served result;
    result.served = test::wait_until([&] { return !server.running() || test::serving(name); }) &&
                    server.running();
    if (result.served)
        server.signal(SIGTERM);
    result.exit = server.wait(30s);
    result.said = server.output() + server.errors();
    return result;
}

// -S asks the card for 16-bit samples, where the alsa driver dithers and says
// how when verbose: "Noise-shaped dithering at 16 bits" for 's'. The test
// card takes them.
TEST(DriverOptionWords, DitherShapedStartsTheAlsaDriverAsOnJackd) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("dithercard");
    auto jackd_name = test::unique_server_name("dither-jackd");
    auto jackd = serve_once(jackd_name,
                            {"jackd", "-v", "-n", jackd_name, "-r", "-d", "alsa", "-d",
                             "dithercard", "-S", "--dither=shaped"},
                            card);
    ASSERT_TRUE(jackd.served) << jackd.said;
    EXPECT_THAT(jackd.said, HasSubstr("Noise-shaped dithering at 16 bits"));

    auto name = test::unique_server_name("dither");
    auto ours = serve_once(name,
                           {test::jack_server_binary(), "-v", "-n", name, "-r", "-d", "alsa", "-d",
                            "dithercard", "-S", "--dither=shaped"},
                           card);
    ASSERT_TRUE(ours.served) << ours.said;
    EXPECT_THAT(ours.said, HasSubstr("Noise-shaped dithering at 16 bits"));
    ASSERT_TRUE(ours.exit);
    EXPECT_EQ(ours.exit->status, 0) << ours.said;
}

// jackd reads "sausage" as 's' too; jack-server refuses a word the manual
// does not name, before starting anything.
TEST(DriverOptionWords, AnyOtherWordIsRefused) {
    auto refused = test::run(
        {test::jack_server_binary(), "-r", "-d", "alsa", "-d", "null", "--dither=sausage"});
    EXPECT_EQ(refused.exit.status, 64);
    EXPECT_THAT(refused.errors, HasSubstr("invalid value 'sausage' for -z/--dither"));
}

} // namespace
