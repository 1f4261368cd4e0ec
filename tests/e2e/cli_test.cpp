// SPDX-License-Identifier: GPL-2.0-or-later
// The command line as a user meets it: help, version, and refusals with status 64.

#include "binaries.hpp"
#include "daemon.hpp"

#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using testing::HasSubstr;

namespace {

test::Result jack_server(std::vector<std::string> args) {
    args.insert(args.begin(), test::jack_server_binary());
    return test::run(args, {{"JACK_NO_START_SERVER", "1"}});
}

int lines(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

TEST(Cli, HelpListsOptionsDriversAndInternalClients) {
    auto help = jack_server({"--help"});
    EXPECT_EQ(help.exit.status, 0);
    EXPECT_THAT(help.output, HasSubstr("--realtime-priority"));
    EXPECT_THAT(help.output, HasSubstr("Master drivers (-d): " + test::driver_names("master")));
    EXPECT_THAT(help.output, HasSubstr("Slave drivers (-X):  " + test::driver_names("slave")));
    EXPECT_THAT(help.output, HasSubstr("netmanager"));
}

TEST(Cli, DriverHelpListsItsParameters) {
    auto help = jack_server({"-d", "alsa", "--help"});
    EXPECT_EQ(help.exit.status, 0);
    EXPECT_THAT(help.output, HasSubstr("-r, --rate uint"));
    EXPECT_THAT(help.output, HasSubstr("-S, --shorts bool"));
}

TEST(Cli, VersionNamesJackServerAndJack) {
    auto version = jack_server({"-V"});
    EXPECT_EQ(version.exit.status, 0);
    EXPECT_THAT(version.output, HasSubstr("jack-server "));
    EXPECT_THAT(version.output, HasSubstr("JACK library 1.9"));
}

class Refusal : public testing::TestWithParam<std::vector<std::string>> {};

TEST_P(Refusal, OneErrorLineOneHintStatus64NothingStarted) {
    auto name = test::unique_server_name("refused");
    auto args = GetParam();
    args.insert(args.begin(), {"-n", name});
    auto result = jack_server(args);
    EXPECT_EQ(result.exit.status, 64);
    EXPECT_EQ(lines(result.errors), 2) << result.errors;
    EXPECT_THAT(result.errors, testing::StartsWith("jack-server: "));
    EXPECT_THAT(result.errors, HasSubstr("\njack-server: hint: "));
    EXPECT_FALSE(test::serving(name));
}

INSTANTIATE_TEST_SUITE_P(
    BadCommandLines, Refusal,
    testing::Values(std::vector<std::string>{"-d", "dummy", "-r", "48k"},
                    std::vector<std::string>{"-p", "-5", "-d", "dummy"},
                    std::vector<std::string>{"-P", "x", "-d", "dummy"},
                    std::vector<std::string>{"-P", "100", "-d", "dummy"},
                    std::vector<std::string>{"-a", "z", "-d", "dummy"},
                    std::vector<std::string>{"--bogus", "-d", "dummy"},
                    std::vector<std::string>{"-d", "dummy", "--bogus"},
                    std::vector<std::string>{"-d", "nosuchdriver"},
                    std::vector<std::string>{"-d", "loopback"}, std::vector<std::string>{"-r"},
                    std::vector<std::string>{"-Z", "-d", "dummy"},
                    std::vector<std::string>{"-l", "-d", "dummy"},
                    std::vector<std::string>{"-F", "-d", "dummy"},
                    std::vector<std::string>{"--stall-timeout", "5ms", "-r", "-d", "dummy"},
                    std::vector<std::string>{"-d", "alsa", "-d", "usb:12:34"},
                    std::vector<std::string>{"-d", "alsa", "-P", "path:"},
                    std::vector<std::string>{"-d", "alsa", "-C", "id:PCH,x"},
                    std::vector<std::string>{"--fallback", "alsa:id:", "-d", "dummy"},
                    std::vector<std::string>{"--list", "cardz"}));

// A card named by identity that matches none: one line naming the value, the
// cards there are in the hint, 69 as for any device missing.
TEST(Cli, DeviceByIdentityThatMatchesNoCardIs69) {
    auto result = jack_server({"-n", test::unique_server_name("identity"), "-d", "alsa", "-d",
                               "usb:0d8c:0014:NO-SUCH-SERIAL"});
    EXPECT_EQ(result.exit.status, 69);
    EXPECT_THAT(result.errors,
                HasSubstr("device usb:0d8c:0014:NO-SUCH-SERIAL: no sound card matches\n"));
    EXPECT_THAT(result.errors, HasSubstr("hint: "));
    EXPECT_EQ(lines(result.errors), 2) << result.errors;
}

// With --wait-device a card named by identity is looked for at each try: one
// that never comes ends the wait with 69, its refusal said once.
TEST(Cli, WaitDeviceLooksForACardByIdentityAtEachTry) {
    auto result = jack_server({"-n", test::unique_server_name("identity-wait"), "--wait-device",
                               "1s", "-d", "alsa", "-d", "id:NoSuchCard"});
    EXPECT_EQ(result.exit.status, 69);
    EXPECT_THAT(result.errors, HasSubstr("device id:NoSuchCard: no sound card matches; retrying "
                                         "for up to 1 s\n"));
    EXPECT_THAT(result.errors, HasSubstr("(gave up after waiting 1 s for the device)"));
    auto tries = result.errors.find("retrying");
    EXPECT_EQ(result.errors.find("retrying", tries + 1), std::string::npos) << result.errors;
}

// --list cards loads no libjackserver: it works where the one found is
// PipeWire's stub.
TEST(Cli, ListCardsWorksBesidePipewiresStubLibrary) {
    auto library = test::pipewire_libjackserver();
    if (!library)
        GTEST_SKIP() << "PipeWire's libjackserver is not installed (package pipewire-jack)";
    auto result = test::run({test::jack_server_binary(), "--list", "cards", "--json"},
                            {{"LD_LIBRARY_PATH", library->parent_path()}});
    EXPECT_EQ(result.exit.status, 0) << result.errors;
    EXPECT_TRUE(nlohmann::json::parse(result.output).contains("cards"));
    // Anything more is an ordinary command line, refused by the stub.
    auto more = test::run({test::jack_server_binary(), "--list", "cards", "--json", "-d", "dummy"},
                          {{"LD_LIBRARY_PATH", library->parent_path()}});
    EXPECT_EQ(more.exit.status, 69);
}

// The machine's cards, as /proc/asound/cards has them (none in a container).
TEST(Cli, ListCardsJsonIsTheMachinesCards) {
    auto result = jack_server({"--list", "cards", "--json"});
    ASSERT_EQ(result.exit.status, 0) << result.errors;
    auto json = nlohmann::json::parse(result.output);
    std::ifstream proc("/proc/asound/cards");
    std::string line;
    std::vector<int> indexes;
    while (std::getline(proc, line))
        if (line.size() > 3 && line[3] == '[')
            indexes.push_back(std::stoi(line.substr(0, 2)));
    ASSERT_EQ(json.at("cards").size(), indexes.size());
    for (std::size_t i = 0; i < indexes.size(); ++i)
        EXPECT_EQ(json["cards"][i]["index"], indexes[i]);
    auto text = jack_server({"--list", "cards"});
    EXPECT_EQ(text.exit.status, 0);
    EXPECT_GE(lines(text.output), static_cast<int>(indexes.size()));
}

TEST(Cli, TheMessageNamesOptionValueAndExpectation) {
    auto result = jack_server({"-d", "alsa", "-r", "48k"});
    EXPECT_EQ(result.errors,
              "jack-server: driver 'alsa': invalid value '48k' for -r/--rate: expected a whole "
              "number from 0 to 4294967295\n"
              "jack-server: hint: 'jack-server -d alsa --help' describes -r/--rate\n");
}

// jack-server's command line run by sh after sh's own redirections (the
// words after the script are jack-server's arguments).
test::Result jack_server_after(const std::string& redirections, std::vector<std::string> args) {
    args.insert(args.begin(), {"/bin/sh", "-c", redirections + "; exec \"$0\" \"$@\"",
                               test::jack_server_binary()});
    return test::run(args, {{"JACK_NO_START_SERVER", "1"}});
}

// jackd has neither --ready-fd nor --stall-timeout: for either it prints its
// whole usage text (dozens of lines) and exits 255, starting nothing. We say
// in one line what is wrong with the value, and one hint.
void jackd_refuses(const std::vector<std::string>& args) {
    std::vector<std::string> words{"jackd"};
    words.insert(words.end(), args.begin(), args.end());
    auto jackd = test::run(words, {{"JACK_NO_START_SERVER", "1"}});
    EXPECT_EQ(jackd.exit.status, 255);
    EXPECT_GT(lines(jackd.output + jackd.errors), 20);
}

// --ready-fd naming a closed descriptor: the daemon's own first descriptor
// (its signalfd) used to take the number and receive the readiness line, and
// the daemon exited 70 ("reading the signalfd: Resource temporarily
// unavailable"). It is refused before anything opens.
TEST(Cli, ReadyFdClosedIsRefusedBeforeAnythingStarts) {
    auto name = test::unique_server_name("ready-closed");
    auto result =
        jack_server_after("exec 3>&-", {"-n", name, "--ready-fd", "3", "-r", "-d", "dummy"});
    EXPECT_EQ(result.exit.status, 64);
    EXPECT_EQ(result.errors,
              "jack-server: invalid value '3' for --ready-fd: descriptor 3 is not open; expected "
              "a descriptor open for writing\n"
              "jack-server: hint: open it for jack-server, e.g. --ready-fd 3 3>ready.fifo\n");
    EXPECT_FALSE(test::serving(name));

    auto read_only =
        jack_server_after("exec 3</dev/null", {"-n", name, "--ready-fd", "3", "-r", "-d", "dummy"});
    EXPECT_EQ(read_only.exit.status, 64);
    EXPECT_EQ(lines(read_only.errors), 2) << read_only.errors;
    EXPECT_THAT(read_only.errors, HasSubstr("descriptor 3 is open for reading only"));
    jackd_refuses({"-n", name, "--ready-fd", "3", "-r", "-d", "dummy"});
}

// A stall timeout shorter than the engine's sampling once ended a healthy
// engine with 75 after 0.1 s; now it is refused with the floor and its reason.
TEST(Cli, StallTimeoutBelowItsFloorIsRefused) {
    auto name = test::unique_server_name("stall-floor");
    auto result = jack_server({"-n", name, "--stall-timeout", "5ms", "-r", "-d", "dummy"});
    EXPECT_EQ(result.exit.status, 64);
    EXPECT_EQ(result.errors,
              "jack-server: invalid value '5ms' for --stall-timeout: expected at least 100ms and 4 "
              "periods: one late sample or period must not end a healthy engine\n"
              "jack-server: hint: units: us, ms, s, m, h; a bare number is seconds\n");
    EXPECT_FALSE(test::serving(name));
    jackd_refuses({"-n", name, "--stall-timeout", "5ms", "-r", "-d", "dummy"});
}

} // namespace
