// SPDX-License-Identifier: GPL-2.0-or-later
// The common failures to start, each made to happen for real and met by both
// jack-server and jackd: JACK's own lines are the same, and jack-server ends
// with one line that names the cause and the fix, where jackd ends with
// "Failed to open server". jack-server must say strictly more in fewer lines.

#include "binaries.hpp"
#include "daemon.hpp"
#include "own_dev_shm.hpp"
#include "process.hpp"
#include "test_card.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <memory>
#include <signal.h>
#include <stdexcept>
#include <sys/mount.h>
#include <unistd.h>

using testing::HasSubstr;
using testing::Not;
using namespace std::chrono_literals;

namespace {

// What a program said on a failed start: its status, all it wrote, in lines.
struct Said {
    int status = -1;
    std::string text;
    std::size_t lines() const { return std::size_t(std::count(text.begin(), text.end(), '\n')); }
};

Said said(const test::Result& result) {
    return {result.exit.status, result.output + result.errors};
}

// Both programs on the same command line and environment; -n NAME first.
struct Both {
    Said ours, jackd;
};

Both both_start(const std::string& name, const std::vector<std::string>& args,
                const std::map<std::string, std::string>& environment = {}) {
    auto env = test::client_environment(name);
    for (const auto& [key, value] : environment)
        env[key] = value;
    auto line = [&](const std::string& program) {
        std::vector<std::string> argv{program, "-n", name};
        argv.insert(argv.end(), args.begin(), args.end());
        return argv;
    };
    return {said(test::run(line(test::jack_server_binary()), env)),
            said(test::run(line("jackd"), env))};
}

// The last line jack-server wrote: the explanation.
std::string last_line(const Said& said) {
    auto text = said.text;
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    return text.substr(text.rfind('\n') + 1);
}

// Strictly more in fewer lines: the cause and the fix jackd does not give.
void expect_more_in_fewer_lines(const Both& both, const std::vector<std::string>& only_ours) {
    EXPECT_EQ(both.ours.status, 69) << both.ours.text;
    EXPECT_NE(both.jackd.status, 0) << both.jackd.text;
    for (const auto& words : only_ours) {
        EXPECT_THAT(last_line(both.ours), HasSubstr(words)) << both.ours.text;
        EXPECT_THAT(both.jackd.text, Not(HasSubstr(words)));
    }
    EXPECT_LT(both.ours.lines(), both.jackd.lines()) << both.ours.text << "\n--- jackd:\n"
                                                     << both.jackd.text;
}

// What the explanation says of the cards there are, as /proc/asound/cards
// lists them: none in a container or a machine without sound.
std::string the_cards_here() {
    std::ifstream cards("/proc/asound/cards");
    std::string first;
    if (!std::getline(cards, first) || first.find('[') == std::string::npos)
        return "there is no sound card here: try -d dummy";
    return "the cards here: hw:";
}

TEST(StartFailures, NoSuchCardNamesItAndTheCardsThereAre) {
    SKIP_WITHOUT_TEST_CARD(); // the explanation asks ALSA
    auto both = both_start(test::unique_server_name("nocard"), {"-r", "-d", "alsa", "-d", "hw:57"});
    expect_more_in_fewer_lines(both, {"there is no sound card 57 (-d hw:57)", the_cards_here()});
}

TEST(StartFailures, NoSuchDeviceNameSaysNoConfigurationDefinesIt) {
    SKIP_WITHOUT_TEST_CARD(); // the explanation asks ALSA
    auto both =
        both_start(test::unique_server_name("noname"), {"-r", "-d", "alsa", "-d", "nosuchpcm"});
    expect_more_in_fewer_lines(both, {"ALSA has no device 'nosuchpcm'", the_cards_here()});
}

TEST(StartFailures, TheNameInUseSaysByWhichPid) {
    auto name = test::unique_server_name("inuse");
    test::Daemon first(name, {"-r", "-d", "dummy", "-p", "256"});
    ASSERT_TRUE(first.wait_ready()) << first.errors();
    auto both = both_start(name, {"-r", "-d", "dummy", "-p", "256"});
    expect_more_in_fewer_lines(
        both, {"the server name '" + name + "' is in use by pid " + std::to_string(first.pid()),
               "choose another with -n NAME (or --unique-name)"});
    EXPECT_TRUE(first.running());
}

TEST(StartFailures, TheRegistryFullListsItsEightServers) {
    if (!test::in_own_dev_shm())
        GTEST_SKIP() << "JACK's registry is shared by every server of this /dev/shm; filling it "
                        "needs a /dev/shm of the test's own (root)";
    std::vector<std::unique_ptr<test::Daemon>> eight;
    for (int n = 1; n <= 8; ++n) {
        eight.push_back(std::make_unique<test::Daemon>(
            test::unique_server_name("full" + std::to_string(n)),
            std::vector<std::string>{"-r", "-d", "dummy", "-p", "256"}));
    }
    for (auto& daemon : eight)
        ASSERT_TRUE(daemon->wait_ready()) << daemon->errors();
    auto both = both_start(test::unique_server_name("ninth"), {"-r", "-d", "dummy"});
    std::vector<std::string> only_ours{
        "JACK's registry of servers is full, its limit of 8 servers is reached: "};
    for (auto& daemon : eight)
        only_ours.push_back("'" + daemon->name() + "' (pid " + std::to_string(daemon->pid()));
    expect_more_in_fewer_lines(both, only_ours);
}

// A test card that offers less than JACK asks, and the environment in which
// both programs open it (no session bus to ask for it).
std::map<std::string, std::string> on_card(const test::TestCard& card) {
    return {{"HOME", card.home()}, {"JACK_NO_AUDIO_RESERVATION", "1"}};
}

TEST(StartFailures, APeriodTheCardRefusesSaysWhatItTakesAndACorrectedLine) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard::Offer offer;
    offer.period_max = 128;
    test::TestCard card("shortcard", 0, offer);
    auto both = both_start(test::unique_server_name("period"),
                           {"-r", "-d", "alsa", "-d", "shortcard", "-p", "256"}, on_card(card));
    expect_more_in_fewer_lines(both, {"'shortcard' does not take a period of 256 frames for "
                                      "capture (it takes 8 to 128 frames at 48000 Hz)",
                                      "e.g. jack-server -d alsa -d shortcard -p 128"});
}

TEST(StartFailures, ChannelsTheCardHasNotSaysHowManyItHas) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("stereocard");
    auto both =
        both_start(test::unique_server_name("channels"),
                   {"-r", "-d", "alsa", "-d", "stereocard", "-p", "256", "-o", "8"}, on_card(card));
    expect_more_in_fewer_lines(both, {"'stereocard' does not take 8 channels for playback (it "
                                      "takes only 2)",
                                      "e.g. jack-server -d alsa -d stereocard -p 256 -o 2"});
}

TEST(StartFailures, ACardWithoutMmapSaysSoAndHowToBridgeIt) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard::Offer offer;
    offer.mmap = false;
    test::TestCard card("rwcard", 0, offer);
    auto both = both_start(test::unique_server_name("mmap"),
                           {"-r", "-d", "alsa", "-d", "rwcard", "-p", "256"}, on_card(card));
    expect_more_in_fewer_lines(
        both, {"'rwcard' offers no mmap access", "alsa_out -d rwcard and alsa_in -d rwcard"});
}

// /dev/snd as a card's device nodes are found there, in this test process's
// own mount namespace (a tmpfs over it; the folder made first where the
// machine has none, and removed after).
class DevSnd {
public:
    static std::optional<std::string> unavailable() {
        if (::geteuid() != 0 || !test::in_own_dev_shm())
            return "a /dev/snd of the test's own needs root and a private mount namespace";
        return std::nullopt;
    }
    DevSnd() : made_(!std::filesystem::exists(path)) {
        if (made_)
            std::filesystem::create_directory(path);
        if (::mount("tmpfs", path, "tmpfs", 0, "mode=0755") != 0)
            throw std::runtime_error(std::string("mount tmpfs on /dev/snd: ") +
                                     std::strerror(errno));
    }
    ~DevSnd() {
        ::umount(path);
        if (made_)
            ::rmdir(path);
    }
    DevSnd(const DevSnd&) = delete;
    DevSnd& operator=(const DevSnd&) = delete;
    static constexpr const char* path = "/dev/snd";

private:
    bool made_;
};

TEST(StartFailures, ABusyCardNamesTheProcessThatHoldsItAndHowToFreeIt) {
    SKIP_WITHOUT_TEST_CARD();
    if (auto why_not = DevSnd::unavailable())
        GTEST_SKIP() << *why_not;
    DevSnd dev_snd;
    test::TestCard::Offer offer;
    offer.node = "/dev/snd/pcmC0D0"; // card 0's first PCM, as the kernel names it
    test::TestCard card("busycard", 0, offer);
    // The holder: another server on the card, as another user's would be.
    test::Daemon holder(test::unique_server_name("holder"),
                        {"-r", "-d", "alsa", "-d", "busycard", "-p", "256"}, on_card(card));
    ASSERT_TRUE(holder.wait_ready()) << holder.errors();
    auto both = both_start(test::unique_server_name("busy"),
                           {"-r", "-d", "alsa", "-d", "busycard", "-p", "256"}, on_card(card));
    expect_more_in_fewer_lines(
        both, {"the card of 'busycard' is busy: pid " + std::to_string(holder.pid()) + " (",
               "pasuspender -- jack-server", "--wait-device"});
    EXPECT_TRUE(holder.running());
}

// A rate the card does not take does not stop JACK: its alsa driver runs at
// the nearest one. jack-server says which, why and the line that asks for it.
TEST(StartFailures, ARateTheCardRefusesSaysTheRateItRunsAtAndACorrectedLine) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard::Offer offer;
    offer.rate_max = 48000;
    test::TestCard card("slowcard", 0, offer);
    std::vector<std::string> args{"-r", "-d", "alsa", "-d", "slowcard", "-r", "96000", "-p", "256"};
    auto name = test::unique_server_name("rate");
    test::Daemon ours(name, args, on_card(card));
    ASSERT_TRUE(ours.wait_ready()) << ours.errors();
    EXPECT_EQ(ours.client({"jack_samplerate"}).output, "48000\n");
    ours.signal(SIGTERM);
    ours.wait();
    auto jackd_name = test::unique_server_name("rate-jackd");
    auto jackd_env = test::client_environment(jackd_name);
    for (const auto& [key, value] : on_card(card))
        jackd_env[key] = value;
    std::vector<std::string> jackd_args{"jackd", "-n", jackd_name};
    jackd_args.insert(jackd_args.end(), args.begin(), args.end());
    test::Process jackd(jackd_args, jackd_env);
    EXPECT_TRUE(test::wait_until([&] { return test::serving(jackd_name); }, 20s)) << jackd.errors();
    jackd.signal(SIGTERM);
    jackd.wait();
    for (const std::string words :
         {"'slowcard' does not run at 96000 Hz: the server runs at 48000 Hz",
          "e.g. jack-server -d alsa -d slowcard -r 48000 -p 256"}) {
        EXPECT_THAT(ours.errors(), HasSubstr(words));
        EXPECT_THAT(jackd.output() + jackd.errors(), Not(HasSubstr(words)));
    }
}

// As nobody, in no group, as a login over ssh is to the card's nodes.
std::vector<std::string> as_nobody(std::vector<std::string> argv) {
    std::vector<std::string> all{"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                 "--"};
    all.insert(all.end(), argv.begin(), argv.end());
    return all;
}

TEST(StartFailures, ACardThisUserMayNotOpenSaysWhyAndHowToJoinGroupAudio) {
    SKIP_WITHOUT_TEST_CARD();
    if (auto why_not = DevSnd::unavailable())
        GTEST_SKIP() << *why_not;
    if (test::run(as_nobody({test::jack_server_binary(), "--version"})).exit.status != 0)
        GTEST_SKIP() << "nobody cannot run " << test::jack_server_binary();
    DevSnd dev_snd;
    // The card's nodes as udev makes them where no seat's ACL adds the user.
    for (const char* node : {"/dev/snd/pcmC0D0p", "/dev/snd/pcmC0D0c"}) {
        std::ofstream{node};
        std::filesystem::permissions(node, std::filesystem::perms::owner_read |
                                               std::filesystem::perms::owner_write);
    }
    test::TestCard::Offer offer;
    offer.node = "/dev/snd/pcmC0D0";
    test::TestCard card("lockedcard", 0, offer);
    auto name = test::unique_server_name("denied");
    auto env = test::client_environment(name);
    for (const auto& [key, value] : on_card(card))
        env[key] = value;
    env["XDG_RUNTIME_DIR"] = "";
    env["TMPDIR"] = "/tmp";
    std::vector<std::string> args{"-n", name, "-r", "-d", "alsa", "-d", "lockedcard", "-p", "256"};
    auto line = [&](const std::string& program) {
        std::vector<std::string> argv{program};
        argv.insert(argv.end(), args.begin(), args.end());
        return as_nobody(argv);
    };
    Both both{said(test::run(line(test::jack_server_binary()), env)),
              said(test::run(line("jackd"), env))};
    expect_more_in_fewer_lines(both, {"no permission to open 'lockedcard'", "to group audio"});
}

} // namespace
