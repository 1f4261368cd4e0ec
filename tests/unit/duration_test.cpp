// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/duration.hpp"
#include "jack_server/error.hpp"

#include <gtest/gtest.h>

using jack_server::format_duration;
using jack_server::parse_duration;
using namespace std::chrono_literals;

namespace {

TEST(Duration, UnitsAndFractions) {
    EXPECT_EQ(parse_duration("500ms", "--x"), 500ms);
    EXPECT_EQ(parse_duration("2s", "--x"), 2s);
    EXPECT_EQ(parse_duration("1.5s", "--x"), 1500ms);
    EXPECT_EQ(parse_duration("1m", "--x"), 60s);
    EXPECT_EQ(parse_duration("1h", "--x"), 3600s);
    EXPECT_EQ(parse_duration("2500us", "--x"), 3ms); // rounded
    EXPECT_EQ(parse_duration("3", "--x"), 3s);       // a bare number is seconds
}

TEST(Duration, RefusesWithTheOptionAndWhatIsExpected) {
    auto refusal = [](const char* text) {
        try {
            parse_duration(text, "--stall-timeout");
        } catch (const jack_server::ParameterError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_EQ(refusal("2x"), "invalid value '2x' for --stall-timeout: unknown unit 'x'; expected "
                             "a duration such as 500ms, 2s, 1.5s or 1m");
    EXPECT_EQ(refusal(""), "invalid value '' for --stall-timeout: expected a duration such as "
                           "500ms, 2s, 1.5s or 1m");
    EXPECT_EQ(refusal("-1s"), "invalid value '-1s' for --stall-timeout: expected a duration such "
                              "as 500ms, 2s, 1.5s or 1m");
    EXPECT_EQ(refusal("s"), "invalid value 's' for --stall-timeout: expected a duration such as "
                            "500ms, 2s, 1.5s or 1m");
}

TEST(Duration, Formats) {
    EXPECT_EQ(format_duration(2s), "2 s");
    EXPECT_EQ(format_duration(1500ms), "1.5 s");
    EXPECT_EQ(format_duration(250ms), "250 ms");
}

} // namespace
