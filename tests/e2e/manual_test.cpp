// SPDX-License-Identifier: GPL-2.0-or-later
// The manual keeps up with the program: every long option --help prints is in
// it, and every name of every option of the options tables as the program
// lists them (--list options --json). tests/unit/options_test.cpp checks each
// option's default in both manuals against the table itself.

#include "binaries.hpp"
#include "process.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::set<std::string> long_options(const std::string& help) {
    std::set<std::string> options;
    std::regex option("--[a-z][a-z-]+");
    for (auto it = std::sregex_iterator(help.begin(), help.end(), option);
         it != std::sregex_iterator(); ++it)
        options.insert(it->str());
    return options;
}

TEST(Manual, DocumentsEveryLongOptionOfHelp) {
    auto help = test::run({test::jack_server_binary(), "--help"}).output;
    // groff writes '-' as '\-' in option names.
    auto manual = std::regex_replace(read(JACK_SERVER_MANUAL), std::regex(R"(\\-)"), "-");
    auto options = long_options(help);
    ASSERT_GT(options.size(), 15u);
    for (const auto& option : options)
        EXPECT_NE(manual.find(option), std::string::npos) << option << " is not in the manual";
}

TEST(Manual, NamesEveryOptionOfTheOptionsTables) {
    auto listed = test::run({test::jack_server_binary(), "--list", "options", "--json"});
    ASSERT_EQ(listed.exit.status, 0) << listed.errors;
    auto tables = nlohmann::json::parse(listed.output);
    auto manual = std::regex_replace(read(JACK_SERVER_MANUAL), std::regex(R"(\\-)"), "-");
    auto file_manual = std::regex_replace(read(JACK_SERVER_FILE_MANUAL), std::regex(R"(\\-)"), "-");
    std::size_t names = 0;
    for (const auto* group : {"options", "server_options", "command_line"})
        for (const auto& option : tables.at(group))
            for (const auto& name : option.at("options")) {
                ++names;
                EXPECT_NE(manual.find(name.get<std::string>()), std::string::npos)
                    << name << " (" << group << ") is not in jack-server(1)";
            }
    EXPECT_GT(names, 50u);
    for (const auto& option : tables.at("options")) {
        auto key = option.at("key").get<std::string>();
        auto last = key.substr(key.rfind('.') + 1);
        EXPECT_NE(file_manual.find(".B " + last + "\n"), std::string::npos)
            << key << " has no entry in jack-server.toml(5)";
    }
}

} // namespace
