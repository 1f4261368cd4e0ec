// SPDX-License-Identifier: GPL-2.0-or-later
#include "jack_server/error.hpp"
#include "jack_server/server.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace jack_server;
using testing::HasSubstr;

namespace {

std::string refusal(Parameter parameter, const ParameterValue& value) {
    try {
        parameter.set_value(value);
    } catch (const ParameterError& e) {
        return e.what();
    }
    return "accepted";
}

class ParameterTest : public testing::Test {
protected:
    Server server;
};

TEST_F(ParameterTest, Metadata) {
    auto priority = server.params().at("realtime-priority");
    EXPECT_EQ(priority.name(), "realtime-priority");
    EXPECT_EQ(priority.type(), ParameterType::int32);
    EXPECT_EQ(priority.id(), '\0');
    EXPECT_FALSE(priority.short_description().empty());
    ASSERT_TRUE(priority.range());
    EXPECT_EQ(priority.range()->min, ParameterValue(std::int32_t{1}));
    EXPECT_EQ(priority.range()->max, ParameterValue(std::int32_t{99}));

    auto rate = server.get_driver("alsa").params().at("rate");
    EXPECT_EQ(rate.id(), 'r');
    EXPECT_EQ(rate.type(), ParameterType::uint32);
    EXPECT_EQ(rate.default_value(), ParameterValue(std::uint32_t{48000}));
    EXPECT_EQ(rate.owner(), "driver 'alsa'");

    auto dither = server.get_driver("alsa").params().at("dither");
    EXPECT_TRUE(dither.choices_are_strict());
    EXPECT_EQ(dither.choices().size(), 4u);
}

TEST_F(ParameterTest, SetIsSetAndReset) {
    auto port_max = server.params().at("port-max");
    EXPECT_FALSE(port_max.is_set());
    port_max.set_value(std::uint32_t{256});
    EXPECT_TRUE(port_max.is_set());
    EXPECT_EQ(port_max.value(), ParameterValue(std::uint32_t{256}));
    port_max.reset();
    EXPECT_FALSE(port_max.is_set());
    EXPECT_EQ(port_max.value(), port_max.default_value());
}

TEST_F(ParameterTest, IntegersConvertWhenRepresentable) {
    auto port_max = server.params().at("port-max");
    port_max.set_value(std::int32_t{128});
    EXPECT_EQ(port_max.value(), ParameterValue(std::uint32_t{128}));
    EXPECT_EQ(refusal(port_max, std::int32_t{-1}),
              "invalid value '-1' for 'port-max': expected a whole number from 0 to 4294967295");
}

TEST_F(ParameterTest, RefusesTheWrongType) {
    EXPECT_THAT(refusal(server.params().at("sync"), std::string("yes")),
                HasSubstr("invalid value 'yes' for 'sync': expected true or false"));
    EXPECT_THAT(refusal(server.params().at("name"), true),
                HasSubstr("invalid value 'true' for 'name'"));
}

TEST_F(ParameterTest, RefusesOutOfRangeNeverClamps) {
    auto priority = server.params().at("realtime-priority");
    EXPECT_EQ(refusal(priority, std::int32_t{100}),
              "invalid value '100' for 'realtime-priority': expected a whole number from 1 to 99");
    EXPECT_EQ(priority.value(), priority.default_value());
}

TEST_F(ParameterTest, RefusesOutsideAStrictEnum) {
    auto dither = server.get_driver("alsa").params().at("dither");
    EXPECT_THAT(refusal(dither, 'x'),
                HasSubstr("driver 'alsa': invalid value 'x' for 'dither': expected one of 'n'"));
    dither.set_value('s');
    EXPECT_EQ(dither.value(), ParameterValue('s'));
}

TEST_F(ParameterTest, RefusesAStringLongerThanJacksLimitNeverTruncates) {
    auto name = server.params().at("name");
    EXPECT_THAT(refusal(name, std::string(128, 'n')),
                HasSubstr("expected text of at most 127 characters"));
    name.set_value(std::string(127, 'n'));
    EXPECT_EQ(std::get<std::string>(name.value()).size(), 127u);
}

TEST_F(ParameterTest, UnknownParameterNamesItsOwner) {
    EXPECT_THROW(server.params().at("nosuch"), ParameterError);
    try {
        server.get_driver("alsarawmidi").params().at("rate");
    } catch (const ParameterError& e) {
        EXPECT_STREQ(e.what(), "driver 'alsarawmidi' has no parameter 'rate'");
    }
}

} // namespace
