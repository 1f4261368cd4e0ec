// SPDX-License-Identifier: GPL-2.0-or-later
#include "driver_arguments.hpp"
#include "jack_server/server.hpp"
#include "usage_error.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using jack_server::ParameterValue;
using jack_server::Server;
using jack_server::cli::DriverArguments;
using jack_server::cli::parse_driver_arguments;
using jack_server::cli::UsageError;
using testing::HasSubstr;

namespace {

class DriverArgumentsTest : public testing::Test {
protected:
    DriverArguments parse(const std::string& driver, std::vector<std::string> words) {
        return parse_driver_arguments(catalog.get_driver(driver), words);
    }
    ParameterValue value(const std::string& driver, std::vector<std::string> words,
                         const std::string& name) {
        return parse(driver, std::move(words)).params.at(name).value;
    }
    std::string refusal(const std::string& driver, std::vector<std::string> words) {
        try {
            parse(driver, std::move(words));
        } catch (const UsageError& e) {
            return std::string(e.what()) + " | " + e.hint();
        }
        return "accepted";
    }

    Server catalog;
};

const ParameterValue rate_44100 = std::uint32_t{44100};

TEST_F(DriverArgumentsTest, EveryValueForm) {
    EXPECT_EQ(value("dummy", {"-r44100"}, "rate"), rate_44100);
    EXPECT_EQ(value("dummy", {"-r", "44100"}, "rate"), rate_44100);
    EXPECT_EQ(value("dummy", {"--rate=44100"}, "rate"), rate_44100);
    EXPECT_EQ(value("dummy", {"--rate", "44100"}, "rate"), rate_44100);
}

TEST_F(DriverArgumentsTest, RecordsHowEachValueWasSpelled) {
    EXPECT_EQ(parse("dummy", {"-r", "44100"}).params.at("rate").origin, "-r/--rate");
}

TEST_F(DriverArgumentsTest, ABoolAloneIsTrue) {
    EXPECT_EQ(value("alsa", {"-S"}, "shorts"), ParameterValue(true));
    EXPECT_EQ(value("alsa", {"--hwmon"}, "hwmon"), ParameterValue(true));
    EXPECT_EQ(value("alsa", {"-S", "-r", "44100"}, "shorts"), ParameterValue(true));
}

TEST_F(DriverArgumentsTest, BoolWords) {
    for (std::string yes : {"true", "yes", "on", "1", "TRUE", "Yes"})
        EXPECT_EQ(value("alsa", {"-D", yes}, "duplex"), ParameterValue(true)) << yes;
    for (std::string no : {"false", "no", "off", "0", "Off"})
        EXPECT_EQ(value("alsa", {"-D", no}, "duplex"), ParameterValue(false)) << no;
    EXPECT_EQ(value("alsa", {"-Dno"}, "duplex"), ParameterValue(false));
    EXPECT_EQ(value("alsa", {"--duplex=off"}, "duplex"), ParameterValue(false));
}

TEST_F(DriverArgumentsTest, ANonBoolAloneTakesItsDefaultAndCountsAsSet) {
    // The alsa driver's -C and -P: capture-only or playback-only on the default device.
    auto arguments = parse("alsa", {"-C", "-d", "hw:1"});
    EXPECT_EQ(arguments.params.at("capture").value, ParameterValue(std::string("none")));
    EXPECT_EQ(arguments.params.at("device").value, ParameterValue(std::string("hw:1")));
    EXPECT_EQ(value("alsa", {"-P"}, "playback"), ParameterValue(std::string("none")));
    EXPECT_EQ(value("dummy", {"-r"}, "rate"), ParameterValue(std::uint32_t{48000}));
}

TEST_F(DriverArgumentsTest, ANegativeNumberIsAValue) {
    EXPECT_EQ(value("net", {"-C", "-1"}, "input-ports"), ParameterValue(std::int32_t{-1}));
    EXPECT_THAT(refusal("dummy", {"-p", "-5"}),
                HasSubstr("invalid value '-5' for -p/--period: expected a whole number from 0"));
}

TEST_F(DriverArgumentsTest, CharAndEnumParameters) {
    EXPECT_EQ(value("alsa", {"-z", "t"}, "dither"), ParameterValue('t'));
    EXPECT_EQ(value("alsa", {"-X", "seq"}, "midi-driver"), ParameterValue(std::string("seq")));
    EXPECT_THAT(refusal("alsa", {"-z", "q"}),
                HasSubstr("driver 'alsa': invalid value 'q' for -z/--dither: expected one of 'n' "
                          "(none), 'r' (rectangular), 's' (shaped), 't' (triangular)"));
    EXPECT_THAT(refusal("alsa", {"-X", "jack1seq"}),
                HasSubstr("invalid value 'jack1seq' for -X/--midi-driver"));
}

// man jackd: "-z --dither [rectangular,triangular,shaped,none] ... Only the
// first letter of the mode name is required." jackd reads any word by its first
// letter; the manual's words are accepted, nothing else.
TEST_F(DriverArgumentsTest, LetterOptionsTakeTheWordsOfJackdsManual) {
    EXPECT_EQ(value("alsa", {"--dither=shaped"}, "dither"), ParameterValue('s'));
    EXPECT_EQ(value("alsa", {"-z", "triangular"}, "dither"), ParameterValue('t'));
    EXPECT_EQ(value("alsa", {"-zrectangular"}, "dither"), ParameterValue('r'));
    EXPECT_EQ(value("alsa", {"--dither", "none"}, "dither"), ParameterValue('n'));
    EXPECT_EQ(parse("alsa", {"--dither=shaped"}).params.at("dither").origin, "-z/--dither");
    for (std::string word : {"sausage", "shape", "shapedd", "Shaped", "SHAPED", "s haped"})
        EXPECT_THAT(refusal("alsa", {"--dither=" + word}),
                    HasSubstr("invalid value '" + word +
                              "' for -z/--dither: expected one of "
                              "'n' (none)"))
            << word;
}

TEST_F(DriverArgumentsTest, HelpAnywhere) {
    EXPECT_TRUE(parse("alsa", {"--help"}).help);
    EXPECT_TRUE(parse("alsa", {"-r", "44100", "-h"}).help);
}

TEST_F(DriverArgumentsTest, RefusesWhatJackdWouldGuess) {
    EXPECT_EQ(refusal("alsa", {"-r", "48k"}),
              "driver 'alsa': invalid value '48k' for -r/--rate: expected a whole number from 0 to "
              "4294967295 | 'jack-server -d alsa --help' describes -r/--rate");
    EXPECT_THAT(refusal("alsa", {"-D", "maybe"}),
                HasSubstr("invalid value 'maybe' for -D/--duplex: expected true or false"));
    EXPECT_THAT(refusal("alsa", {"-HM"}), HasSubstr("invalid value 'M' for -H/--hwmon"));
}

TEST_F(DriverArgumentsTest, RefusesUnknownOptionsWithASuggestion) {
    EXPECT_EQ(refusal("dummy", {"--perod", "64"}),
              "driver 'dummy' has no option '--perod' | did you mean '--period'? 'jack-server -d "
              "dummy --help' lists its parameters; jack-server's own options go before -d");
    EXPECT_THAT(refusal("dummy", {"-d", "hw:0"}), HasSubstr("driver 'dummy' has no option '-d'"));
    EXPECT_THAT(refusal("dummy", {"-p", "64", "stray"}),
                HasSubstr("driver 'dummy': unexpected argument 'stray'"));
}

TEST_F(DriverArgumentsTest, RefusesOverlongStrings) {
    EXPECT_THAT(refusal("alsa", {"-d", std::string(200, 'h')}),
                HasSubstr("expected text of at most 127 characters"));
}

} // namespace
