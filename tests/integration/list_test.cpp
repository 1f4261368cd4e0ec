// SPDX-License-Identifier: GPL-2.0-or-later
// jack-server --list, run as a process, against what this library reads from
// the same libjackserver: the listing must never drift from the plugins present.

#include "binaries.hpp"
#include "jack_server/parameter_text.hpp"
#include "jack_server/server.hpp"
#include "process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace {

using Json = nlohmann::json;

Json list_json(std::vector<std::string> what) {
    std::vector<std::string> argv{test::jack_server_binary(), "--list"};
    argv.insert(argv.end(), what.begin(), what.end());
    argv.push_back("--json");
    auto result = test::run(argv);
    EXPECT_EQ(result.exit.status, 0) << result.errors;
    return Json::parse(result.output);
}

std::vector<std::string> list_lines(std::vector<std::string> what) {
    std::vector<std::string> argv{test::jack_server_binary(), "--list"};
    argv.insert(argv.end(), what.begin(), what.end());
    auto result = test::run(argv);
    EXPECT_EQ(result.exit.status, 0) << result.errors;
    std::vector<std::string> lines;
    std::istringstream in(result.output);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

Json value_json(const jack_server::ParameterValue& value) {
    return std::visit(
        [](const auto& v) -> Json {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, char>)
                return std::string(1, v);
            else
                return v;
        },
        value);
}

// Every parameter, in libjackserver's order, with everything it reports.
void expect_parameters(const Json& listed, const jack_server::ParameterList& parameters,
                       bool has_id) {
    ASSERT_EQ(listed.size(), parameters.size());
    std::size_t i = 0;
    for (const auto& parameter : parameters) {
        const auto& json = listed.at(i++);
        SCOPED_TRACE(parameter.name());
        EXPECT_EQ(json.at("name"), parameter.name());
        if (has_id)
            EXPECT_EQ(json.at("id"), std::string(1, parameter.id()));
        else
            EXPECT_TRUE(json.at("id").is_null());
        EXPECT_EQ(json.at("type"), std::string(jack_server::to_string(parameter.type())));
        EXPECT_EQ(json.at("default"), value_json(parameter.default_value()));
        EXPECT_EQ(json.at("short_description"), parameter.short_description());
        EXPECT_EQ(json.at("long_description"), parameter.long_description());
        if (auto range = parameter.range()) {
            EXPECT_EQ(json.at("range").at("min"), value_json(range->min));
            EXPECT_EQ(json.at("range").at("max"), value_json(range->max));
        } else {
            EXPECT_FALSE(json.contains("range"));
        }
        auto choices = parameter.choices();
        if (choices.empty()) {
            EXPECT_FALSE(json.contains("choices"));
            continue;
        }
        ASSERT_EQ(json.at("choices").size(), choices.size());
        for (std::size_t c = 0; c < choices.size(); ++c) {
            EXPECT_EQ(json.at("choices").at(c).at("value"), value_json(choices[c].value));
            EXPECT_EQ(json.at("choices").at(c).at("description"), choices[c].description);
        }
        EXPECT_EQ(json.at("choices_strict"), parameter.choices_are_strict());
    }
}

TEST(List, DriversJsonMatchesLibjackserver) {
    jack_server::Server server;
    auto listed = list_json({"drivers"}).at("drivers");
    auto drivers = server.drivers();
    ASSERT_EQ(listed.size(), drivers.size());
    std::set<std::string> names;
    for (const auto& json : listed) {
        names.insert(json.at("name").get<std::string>());
        auto driver = server.get_driver(json.at("name").get<std::string>());
        SCOPED_TRACE(driver.name());
        EXPECT_EQ(json.at("type"), std::string(jack_server::to_string(driver.type())));
        expect_parameters(json.at("params"), driver.params(), true);
    }
    EXPECT_EQ(names.size(), drivers.size());
    EXPECT_TRUE(names.contains("dummy"));
}

TEST(List, InternalsJsonMatchesLibjackserver) {
    jack_server::Server server;
    auto listed = list_json({"internals"}).at("internals");
    auto internals = server.internal_clients();
    ASSERT_EQ(listed.size(), internals.size());
    for (const auto& json : listed) {
        auto internal = server.get_internal_client(json.at("name").get<std::string>());
        expect_parameters(json.at("params"), internal.params(), true);
        EXPECT_TRUE(json.at("params").empty() || json.at("params").at(0).at("options").empty());
    }
}

TEST(List, ServerParamsJsonMatchesLibjackserver) {
    jack_server::Server server;
    auto listed = list_json({"params"});
    EXPECT_EQ(listed.at("kind"), "server");
    expect_parameters(listed.at("params"), server.params(), false);
    for (const auto& json : listed.at("params"))
        EXPECT_FALSE(json.at("options").empty()) << json.at("name");
}

TEST(List, PluginParamsJsonMatchesLibjackserver) {
    jack_server::Server server;
    auto alsa = list_json({"params", "alsa"});
    EXPECT_EQ(alsa.at("kind"), "driver");
    EXPECT_EQ(alsa.at("type"), "master");
    expect_parameters(alsa.at("params"), server.get_driver("alsa").params(), true);
    auto netmanager = list_json({"params", "netmanager"});
    EXPECT_EQ(netmanager.at("kind"), "internal");
    expect_parameters(netmanager.at("params"), server.get_internal_client("netmanager").params(),
                      true);
}

TEST(List, TextFormHasOneItemALine) {
    jack_server::Server server;
    auto drivers = list_lines({"drivers"});
    EXPECT_EQ(drivers.size(), server.drivers().size());
    EXPECT_THAT(drivers, testing::Contains("dummy\tmaster"));
    EXPECT_THAT(drivers, testing::Contains("alsarawmidi\tslave"));
    EXPECT_EQ(list_lines({"internals"}).size(), server.internal_clients().size());

    auto dummy = list_lines({"params", "dummy"});
    EXPECT_EQ(dummy.size(), server.get_driver("dummy").params().size());
    EXPECT_THAT(dummy, testing::Contains("-r\t--rate\tuint\t48000\t-\tSample rate"));
    auto alsa = list_lines({"params", "alsa"});
    EXPECT_THAT(alsa, testing::Contains(testing::StartsWith("-z\t--dither\tchar\tn\tn|r|s|t\t")));
    EXPECT_THAT(alsa, testing::Contains(testing::StartsWith("-X\t--midi-driver\tstring\tnone\t"
                                                            "none|seq|raw\t")));
    auto params = list_lines({"params"});
    EXPECT_THAT(params, testing::Contains(testing::StartsWith("-t\t--timeout\tint\t0\t-\t")));
    EXPECT_THAT(params,
                testing::Contains(testing::StartsWith("-c\t--clock-source\tuint\ts\th|s\t")));
    EXPECT_THAT(params, testing::Contains(
                            testing::StartsWith("-a\t--autoconnect\tchar\t' '\t' '|E|e|A|a\t")));
    EXPECT_THAT(params, testing::Contains(testing::StartsWith("-\t--replace-registry\tbool\t")));
}

TEST(List, UsageErrors) {
    for (auto argv : std::vector<std::vector<std::string>>{{"--json"},
                                                           {"--list", "param"},
                                                           {"--list", "params", "nosuch"},
                                                           {"--list", "drivers", "alsa"}}) {
        argv.insert(argv.begin(), test::jack_server_binary());
        auto result = test::run(argv);
        EXPECT_EQ(result.exit.status, 64) << argv.at(1);
        EXPECT_THAT(result.errors, testing::HasSubstr("hint:"));
        EXPECT_TRUE(result.output.empty());
    }
}

} // namespace
