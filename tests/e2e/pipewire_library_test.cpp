// SPDX-License-Identifier: GPL-2.0-or-later
// PipeWire's libjackserver (Debian's pipewire-jack) is a stub: every call logs
// "not implemented" and no server can run on it. jackd, pointed at it, fails
// with 'Driver "dummy" is not a master'; jack-server says which library it
// loaded and what to do, and exits 69, whatever it was asked.

#include "binaries.hpp"
#include "process.hpp"

#include <filesystem>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sstream>

namespace fs = std::filesystem;
using testing::HasSubstr;

namespace {

std::vector<std::string> lines_with(const std::string& text, const std::string& part) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.find(part) != std::string::npos)
            lines.push_back(line);
    return lines;
}

TEST(PipewireLibrary, EveryActionRefusesItNamingTheFileWith69) {
    auto library = test::pipewire_libjackserver();
    if (!library)
        GTEST_SKIP() << "PipeWire's libjackserver is not installed (package pipewire-jack)";
    std::map<std::string, std::string> env{{"LD_LIBRARY_PATH", library->parent_path()},
                                           {"JACK_NO_START_SERVER", "1"}};
    const std::vector<std::vector<std::string>> actions{
        {"-r", "-d", "dummy"},
        {"--help"},
        {"-V"},
        {"--list", "drivers"},
        {"--check", "-d", "dummy"},
        {"--print-config", "-d", "dummy"},
        {"-d", "dummy", "--help"},
    };
    for (const auto& action : actions) {
        std::vector<std::string> argv{test::jack_server_binary()};
        argv.insert(argv.end(), action.begin(), action.end());
        auto result = test::run(argv, env);
        auto said = argv[1] + (argv.size() > 2 ? " " + argv[2] : std::string());
        EXPECT_EQ(result.exit.status, 69) << said << ": " << result.errors;
        // The library's own warnings aside, one line of jack-server's.
        auto ours = lines_with(result.errors, "jack-server");
        ASSERT_EQ(ours.size(), 1u) << said << ": " << result.errors;
        EXPECT_THAT(ours[0], HasSubstr("'" + library->string() + "' cannot run a server"));
        EXPECT_THAT(ours[0], HasSubstr("pw-jack"));
        EXPECT_EQ(result.output, "") << said;
    }
}

TEST(PipewireLibrary, JackdFailsOnItToo) {
    auto library = test::pipewire_libjackserver();
    if (!library)
        GTEST_SKIP() << "PipeWire's libjackserver is not installed (package pipewire-jack)";
    auto result = test::run({"jackd", "-n", "jstest-pipewire", "-r", "-d", "dummy"},
                            {{"LD_LIBRARY_PATH", library->parent_path()}});
    EXPECT_NE(result.exit.status, 0);
    EXPECT_THAT(result.errors, HasSubstr("not a master"));
}

} // namespace
