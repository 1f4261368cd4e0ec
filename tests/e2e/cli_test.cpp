// SPDX-License-Identifier: GPL-2.0-or-later
// The command line as a user meets it: help, version, and refusals with status 64.

#include "binaries.hpp"
#include "daemon.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

INSTANTIATE_TEST_SUITE_P(BadCommandLines, Refusal,
                         testing::Values(std::vector<std::string>{"-d", "dummy", "-r", "48k"},
                                         std::vector<std::string>{"-p", "-5", "-d", "dummy"},
                                         std::vector<std::string>{"-P", "x", "-d", "dummy"},
                                         std::vector<std::string>{"-P", "100", "-d", "dummy"},
                                         std::vector<std::string>{"-a", "z", "-d", "dummy"},
                                         std::vector<std::string>{"--bogus", "-d", "dummy"},
                                         std::vector<std::string>{"-d", "dummy", "--bogus"},
                                         std::vector<std::string>{"-d", "nosuchdriver"},
                                         std::vector<std::string>{"-d", "loopback"},
                                         std::vector<std::string>{"-r"},
                                         std::vector<std::string>{"-Z", "-d", "dummy"},
                                         std::vector<std::string>{"-l", "-d", "dummy"},
                                         std::vector<std::string>{"-F", "-d", "dummy"}));

TEST(Cli, TheMessageNamesOptionValueAndExpectation) {
    auto result = jack_server({"-d", "alsa", "-r", "48k"});
    EXPECT_EQ(result.errors,
              "jack-server: driver 'alsa': invalid value '48k' for -r/--rate: expected a whole "
              "number from 0 to 4294967295\n"
              "jack-server: hint: 'jack-server -d alsa --help' describes -r/--rate\n");
}

} // namespace
