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

// Groff's font changes dropped: "\fBinfo\fR" reads "info".
std::string plain(std::string text) {
    return std::regex_replace(text, std::regex(R"(\\f[BIRP])"), "");
}

// The paragraph of a manual that describes name: from the .TP item whose
// tag line names it to the next .TP or section, joined into one line.
std::string paragraph(const std::string& manual, const std::string& name) {
    std::istringstream in(manual);
    std::string line, text;
    bool in_item = false, tag_next = false;
    while (std::getline(in, line)) {
        if (line.starts_with(".TP") || line.starts_with(".SH") || line.starts_with(".SS")) {
            if (in_item)
                break;
            tag_next = line.starts_with(".TP");
            continue;
        }
        if (tag_next) {
            tag_next = false;
            auto tag = plain(line);
            // The tag names it as a word: "--loopback" is not "--loopback-driver".
            std::regex word("(^|[ ,\"])" + name + "($|[ ,\"])");
            in_item = std::regex_search(tag, word);
            continue;
        }
        if (in_item)
            text += plain(line) + " ";
    }
    return text;
}

std::string long_flag(std::string_view flags) {
    for (const auto& name : names(flags))
        if (name.starts_with("--"))
            return name;
    return names(flags).front();
}

// Each manual gives every option's default as the table has it: jack-server(1)
// under the option's long flag, jack-server.toml(5) under its file key
// ("Default: 10s." or, in the file's own quoting, "Default: "10s"."). Flags
// are off unless given; their entries need not say so.
TEST(Options, EachManualGivesEveryDefaultAsTheTableHasIt) {
    auto command_line = manual(JACK_SERVER_MANUAL);
    auto file = manual(JACK_SERVER_FILE_MANUAL);
    for (const auto& option : own_options()) {
        if (option.kind == OptionKind::flag)
            continue;
        auto shown = default_shown(option);
        auto flag = long_flag(option.flags);
        auto key = std::string(option.key.substr(option.key.rfind('.') + 1));
        auto in_one = paragraph(command_line, flag);
        auto in_five = paragraph(file, key);
        EXPECT_NE(in_one.find("Default: " + shown), std::string::npos)
            << flag << " in jack-server(1) does not say 'Default: " << shown << "': " << in_one;
        EXPECT_TRUE(in_five.find("Default: " + shown) != std::string::npos ||
                    in_five.find("Default: \"" + shown + "\"") != std::string::npos)
            << key << " in jack-server.toml(5) does not say 'Default: " << shown
            << "': " << in_five;
    }
}

// Defaults and floors live in the table; the daemon reads them from there.
TEST(Options, DefaultsAndFloorsComeFromTheTable) {
    using std::chrono::milliseconds;
    Config config;
    EXPECT_EQ(resolved_duration(config, "daemon.card-return-hold"), milliseconds(10'000));
    EXPECT_EQ(resolved_duration(config, "daemon.reload-timeout"), milliseconds(10'000));
    config.daemon.card_return_hold = milliseconds(4000);
    EXPECT_EQ(resolved_duration(config, "daemon.card-return-hold"), milliseconds(4000));
    EXPECT_THROW(resolved_duration(config, "daemon.stall-timeout"), std::logic_error);

    const auto& stall = *find_option("daemon.stall-timeout");
    EXPECT_EQ(default_shown(stall), "100 periods, at least 2s");
    EXPECT_EQ(default_for_engine(stall, 48000, 256), milliseconds(2000));
    EXPECT_EQ(default_for_engine(stall, 48000, 2048), milliseconds(4266));
    EXPECT_EQ(default_for_engine(stall, 0, 256), milliseconds(2000));
    EXPECT_EQ(default_shown(*find_option("daemon.pid-file")), "none");
    EXPECT_EQ(default_shown(*find_option("daemon.log-level")), "info");
    EXPECT_EQ(default_shown(*find_option("loopback")), "0");
    for (const auto& option : own_options()) {
        SCOPED_TRACE(std::string(option.key));
        // Every duration has a floor above 0 and says why.
        if (option.kind == OptionKind::duration) {
            EXPECT_GT(option.min_duration, milliseconds(1));
            EXPECT_FALSE(option.min_reason.empty());
        }
        // Every default is a value its own check accepts, and what an empty
        // Config holds is that default or nothing (the table's default then).
        if (option.default_value) {
            EXPECT_NO_THROW(check(option, *option.default_value, option.key));
            auto empty = option.get(Config{});
            if (empty)
                EXPECT_EQ(*empty, *option.default_value);
        }
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
