// SPDX-License-Identifier: GPL-2.0-or-later
#include "jack_server/error.hpp"
#include "jack_server/parameter_text.hpp"
#include "jack_server/server.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace jack_server;
using testing::HasSubstr;

namespace {

class ParameterTextTest : public testing::Test {
protected:
    Parameter server_param(const std::string& name) { return catalog.params().at(name); }
    Server catalog;
};

TEST_F(ParameterTextTest, ParsesEachType) {
    EXPECT_EQ(parse_value(server_param("realtime-priority"), "42"),
              ParameterValue(std::int32_t{42}));
    EXPECT_EQ(parse_value(server_param("port-max"), "128"), ParameterValue(std::uint32_t{128}));
    EXPECT_EQ(parse_value(server_param("self-connect-mode"), "A"), ParameterValue('A'));
    EXPECT_EQ(parse_value(server_param("name"), "x y"), ParameterValue(std::string("x y")));
    EXPECT_EQ(parse_value(server_param("sync"), "on"), ParameterValue(true));
}

TEST_F(ParameterTextTest, RefusesWhatAtoiWouldAccept) {
    for (std::string text : {"48k", "1e3", " 12", "12 ", "", "+-1", "0x10"})
        EXPECT_THROW(parse_value(server_param("port-max"), text), ParameterError) << text;
    EXPECT_THROW(parse_value(server_param("port-max"), "4294967296"), ParameterError);
    EXPECT_THROW(parse_value(server_param("client-timeout"), "2147483648"), ParameterError);
    EXPECT_THROW(parse_value(server_param("self-connect-mode"), "AA"), ParameterError);
}

// The word a strict letter choice is described by stands for its letter, for
// text (command line) and for a string value (a config file, the library).
TEST_F(ParameterTextTest, ALetterChoiceByItsWord) {
    auto dither = catalog.get_driver("alsa").params().at("dither");
    EXPECT_EQ(parse_value(dither, "shaped"), ParameterValue('s'));
    EXPECT_EQ(dither.validated(std::string("triangular")), ParameterValue('t'));
    EXPECT_THROW(parse_value(dither, "sausage"), ParameterError);
    // Choices described by sentences take no words.
    EXPECT_THROW(
        parse_value(server_param("self-connect-mode"), "Don't restrict self connect requests"),
        ParameterError);
    dither.set_value(std::string("rectangular"));
    EXPECT_EQ(dither.value(), ParameterValue('r'));
}

// Bytes of UTF-8 are negative chars: no case folding may read them as an
// index (std::tolower's undefined behaviour), and they are no boolean word.
TEST_F(ParameterTextTest, RefusesNonAsciiText) {
    for (std::string text : {"\xC3\xA9", "tru\xC3\xA9", "\xFF", "o\x80", "\xD0\xB4\xD0\xB0"})
        EXPECT_EQ(parse_bool(text), std::nullopt) << text;
    try {
        parse_value(server_param("sync"), "\xC3\xA9t\xC3\xA9", "-S/--sync");
        FAIL() << "accepted";
    } catch (const ParameterError& e) {
        EXPECT_STREQ(e.what(), "invalid value '\xC3\xA9t\xC3\xA9' for -S/--sync: expected true or "
                               "false (also yes/no, on/off, 1/0)");
    }
    EXPECT_THROW(parse_value(server_param("port-max"), "\xD9\xA1"), ParameterError);
}

TEST_F(ParameterTextTest, NamesTheParameterAsSpelled) {
    try {
        parse_value(server_param("port-max"), "many", "-p/--port-max");
        FAIL() << "accepted";
    } catch (const ParameterError& e) {
        EXPECT_STREQ(e.what(), "invalid value 'many' for -p/--port-max: expected a whole number "
                               "from 0 to 4294967295");
    }
}

TEST_F(ParameterTextTest, FormatsValuesAsTheyParse) {
    EXPECT_EQ(format_value(std::int32_t{-3}), "-3");
    EXPECT_EQ(format_value(std::uint32_t{48000}), "48000");
    EXPECT_EQ(format_value('h'), "h");
    EXPECT_EQ(format_value(std::string("hw:0")), "hw:0");
    EXPECT_EQ(format_value(true), "true");
}

TEST_F(ParameterTextTest, DescribesWhatIsExpected) {
    EXPECT_EQ(describe_expected(server_param("realtime-priority")), "a whole number from 1 to 99");
    EXPECT_EQ(describe_expected(server_param("sync")), "true or false (also yes/no, on/off, 1/0)");
    EXPECT_THAT(describe_expected(server_param("self-connect-mode")), HasSubstr("one of ' '"));
}

} // namespace
