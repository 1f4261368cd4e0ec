// SPDX-License-Identifier: GPL-2.0-or-later
// The manual keeps up with the program: every long option --help prints is in it.

#include "binaries.hpp"
#include "process.hpp"

#include <fstream>
#include <gtest/gtest.h>
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

} // namespace
