// SPDX-License-Identifier: GPL-2.0-or-later
// The option tables are what the program and its manuals describe: every
// option of jack-server's own table and every server option's spelling is
// named in jack-server(1), every file key in jack-server.toml(5), and every
// entry is complete.

#include "config/options.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <sstream>

using namespace jack_server;

namespace {

// The manual's text with groff's '\-' read as '-'.
std::string manual(const char* path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return std::regex_replace(text.str(), std::regex(R"(\\-)"), "-");
}

std::vector<std::string> names(std::string_view flags) {
    std::vector<std::string> result;
    for (std::size_t start = 0; start <= flags.size();) {
        auto end = std::min(flags.find(',', start), flags.size());
        result.emplace_back(flags.substr(start, end - start));
        start = end + 1;
    }
    return result;
}

TEST(Options, JackServerOneNamesEveryCommandLineOption) {
    auto text = manual(JACK_SERVER_MANUAL);
    ASSERT_FALSE(text.empty());
    for (const auto& option : own_options())
        for (const auto& name : names(option.flags))
            EXPECT_NE(text.find(name), std::string::npos) << name << " is not in jack-server(1)";
    for (const auto& spelling : server_option_spellings())
        for (const auto& name : names(spelling.flags))
            EXPECT_NE(text.find(name), std::string::npos) << name << " is not in jack-server(1)";
}

TEST(Options, JackServerTomlFiveNamesEveryFileKey) {
    auto text = manual(JACK_SERVER_FILE_MANUAL);
    ASSERT_FALSE(text.empty());
    for (const auto& option : own_options()) {
        auto key = std::string(option.key.substr(option.key.rfind('.') + 1));
        EXPECT_NE(text.find(key), std::string::npos)
            << option.key << " is not in jack-server.toml(5)";
    }
}

TEST(Options, EveryEntryIsComplete) {
    for (const auto& option : own_options()) {
        SCOPED_TRACE(std::string(option.key));
        EXPECT_FALSE(option.flags.empty());
        EXPECT_FALSE(option.help.empty());
        EXPECT_TRUE(option.get != nullptr && option.set != nullptr);
        EXPECT_EQ(option.value_name.empty(), option.kind == OptionKind::flag);
        EXPECT_EQ(option.words.empty(), option.kind != OptionKind::word);
        EXPECT_EQ(find_option(option.key), &option);
    }
}

// What a value of each kind reads back as from its own text: the printer and
// the readers agree.
TEST(Options, AValuePrintsAsItIsRead) {
    for (const auto& option : own_options()) {
        SCOPED_TRACE(std::string(option.key));
        Config config;
        auto value = option.get(config);
        if (!value || option.kind == OptionKind::flag)
            continue;
        auto text = format_option_value(*value);
        EXPECT_EQ(read_text(option, text, option.key), *value);
    }
}

TEST(Options, SpelledNamesTheShortAndTheFirstLongName) {
    EXPECT_EQ(spelled("-L,--loopback-driver,--loopback"), "-L/--loopback-driver");
    EXPECT_EQ(spelled("--log-level"), "--log-level");
    EXPECT_EQ(spelled("-n,--name"), "-n/--name");
}

} // namespace
