// SPDX-License-Identifier: GPL-2.0-or-later
// Config files, the precedence of layers, --print-config's round trip and the
// .jackdrc, against libjackserver's real parameter metadata.

#include "command_line.hpp"
#include "config/catalog.hpp"
#include "config/config_file.hpp"
#include "config/config_layers.hpp"
#include "config/config_print.hpp"
#include "config_options.hpp"
#include "errors.hpp"
#include "usage_error.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <regex>
#include <unistd.h>

using namespace jack_server;
using testing::HasSubstr;

namespace {

class ConfigFileTest : public testing::Test {
protected:
    Config parse(const std::string& text) { return parse_config(text, "studio.toml", catalog); }

    // The error's message and hint, "message | hint".
    std::string refusal(const std::string& text) {
        try {
            parse(text);
        } catch (const ConfigError& e) {
            return std::string(e.what()) + " | " + e.hint();
        }
        return "accepted";
    }

    std::string write(const std::string& name, const std::string& text) {
        auto path = std::filesystem::temp_directory_path() /
                    ("jack-server-test-" + std::to_string(getpid()) + "-" + name);
        std::ofstream(path) << text;
        files.push_back(path);
        return path;
    }

    cli::CommandLine line(std::vector<std::string> words) {
        return cli::parse_command_line(words, catalog);
    }

    // The printed configuration without the origins: TOML with each value's
    // trailing "# origin" comment dropped, JSON without its "origins".
    std::string print(const std::vector<std::string>& words,
                      ConfigFormat format = ConfigFormat::toml) {
        auto text = print_with_origins(words, format);
        if (format == ConfigFormat::json) {
            auto json = nlohmann::ordered_json::parse(text);
            json.erase("origins");
            return json.dump(2) + "\n";
        }
        return std::regex_replace(text, std::regex(" +# [^\n]*"), "");
    }

    std::string print_with_origins(const std::vector<std::string>& words,
                                   ConfigFormat format = ConfigFormat::toml) {
        return print_config(line(words).config, catalog, format);
    }

    void TearDown() override {
        for (const auto& path : files)
            std::filesystem::remove(path);
    }

    Server catalog;
    std::vector<std::filesystem::path> files;
};

TEST_F(ConfigFileTest, EverySectionWithOriginsFileAndLine) {
    auto config = parse(R"(loopback = 4
session-file = "/tmp/session"

[server]
name = "studio"
realtime-priority = 70
port-max = 256
self-connect-mode = "E"
sync = true

[driver]
name = "alsa"
device = "hw:1"
rate = 48000
dither = "t"

[[slave]]
name = "alsarawmidi"

[[internal]]
name = "netmanager"
udp-net-port = 19001

[daemon]
log-level = "debug"
log-format = "json"
silent = true
stall-timeout = "2s"
wait-device = "1500ms"
max-xruns = 3
pid-file = "/run/jack.pid"
)");
    EXPECT_EQ(config.loopback_ports, 4u);
    EXPECT_EQ(config.origins.at("loopback"), "studio.toml:1");
    EXPECT_EQ(config.session_file, "/tmp/session");
    EXPECT_EQ(config.server.at("name").value, ParameterValue(std::string("studio")));
    EXPECT_EQ(config.server.at("realtime-priority").value, ParameterValue(std::int32_t{70}));
    EXPECT_EQ(config.server.at("port-max").value, ParameterValue(std::uint32_t{256}));
    EXPECT_EQ(config.server.at("port-max").origin, "studio.toml:7");
    EXPECT_EQ(config.server.at("self-connect-mode").value, ParameterValue('E'));
    EXPECT_EQ(config.driver.name, "alsa");
    EXPECT_EQ(config.driver.params.at("rate").value, ParameterValue(std::uint32_t{48000}));
    EXPECT_EQ(config.driver.params.at("rate").origin, "studio.toml:14");
    EXPECT_EQ(config.driver.params.at("dither").value, ParameterValue('t'));
    ASSERT_EQ(config.slaves.size(), 1u);
    EXPECT_EQ(config.slaves[0].name, "alsarawmidi");
    ASSERT_EQ(config.internals.size(), 1u);
    EXPECT_EQ(config.internals[0].params.at("udp-net-port").value,
              ParameterValue(std::int32_t{19001}));
    EXPECT_EQ(config.daemon.log_level, LogLevel::debug);
    EXPECT_EQ(config.daemon.log_format, LogFormat::json);
    EXPECT_TRUE(config.daemon.silent);
    EXPECT_EQ(config.daemon.stall_timeout, std::chrono::milliseconds(2000));
    EXPECT_EQ(config.daemon.wait_device, std::chrono::milliseconds(1500));
    EXPECT_EQ(config.daemon.max_xruns, 3u);
    EXPECT_EQ(config.daemon.pid_file, "/run/jack.pid");
}

TEST_F(ConfigFileTest, ErrorsNameFileLineKeyValueAndWhatIsExpected) {
    EXPECT_EQ(refusal("[drvier]\nname = \"dummy\"\n"),
              "studio.toml:1: unknown section 'drvier' | did you mean 'driver'? sections: "
              "[server], [driver], [[slave]], [[internal]], [[connect]], [[card]], [daemon]; "
              "top-level keys: loopback, session-file");
    EXPECT_EQ(
        refusal("[driver]\nname = \"dumy\"\n"),
        "studio.toml:2: unknown master driver 'dumy' for driver.name | did you mean "
        "'dummy'? master drivers: " +
            fmt::format("{}", fmt::join(Catalog(catalog).driver_names(DriverType::master), ", ")));
    EXPECT_THAT(refusal("[driver]\nname = \"dummy\"\nperoid = 64\n"),
                testing::StartsWith("studio.toml:3: unknown key 'peroid' in [driver] | did you "
                                    "mean 'period'?"));
    EXPECT_THAT(refusal("[server]\nport-mux = 64\n"),
                testing::StartsWith("studio.toml:2: unknown key 'port-mux' in [server] | did you "
                                    "mean 'port-max'?"));
    EXPECT_THAT(refusal("[driver]\nname = \"dummy\"\nrate = \"48k\"\n"),
                testing::StartsWith("studio.toml:3: driver 'dummy': invalid value '48k' for "
                                    "driver.rate: expected a whole number"));
    EXPECT_THAT(refusal("[server]\nrealtime-priority = 100\n"),
                testing::StartsWith("studio.toml:2: invalid value '100' for "
                                    "server.realtime-priority: expected a whole number from"));
    EXPECT_THAT(refusal("[server]\nport-max = -1\n"),
                HasSubstr("invalid value '-1' for server.port-max"));
    EXPECT_THAT(refusal("[driver]\nname = \"alsa\"\ndither = \"x\"\n"),
                testing::StartsWith("studio.toml:3: driver 'alsa': invalid value 'x' for "
                                    "driver.dither: expected one of 'n' (none)"));
    EXPECT_THAT(refusal("[server]\nrealtime = \"yes\"\n"),
                HasSubstr("invalid value 'yes' for server.realtime"));
    EXPECT_THAT(refusal("[driver]\nname = \"alsa\"\ndevice = 1\n"),
                HasSubstr("| write text in quotes: device = \"1\""));
    EXPECT_THAT(refusal("[[slave]]\nname = \"dummy\"\n"),
                testing::StartsWith("studio.toml:2: unknown slave driver 'dummy'"));
    EXPECT_THAT(refusal("[[internal]]\nname = \"netmanagr\"\n"),
                HasSubstr("did you mean 'netmanager'?"));
    EXPECT_THAT(refusal("[slave]\nname = \"alsarawmidi\"\n"),
                HasSubstr("'slave' must be an array of tables: [[slave]]"));
    EXPECT_THAT(refusal("[daemon]\nstall-timeout = \"2 parsecs\"\n"),
                testing::StartsWith("studio.toml:2: invalid value '2 parsecs' for "
                                    "daemon.stall-timeout: expected a duration"));
    EXPECT_THAT(refusal("[daemon]\nlog-level = \"loud\"\n"),
                HasSubstr("invalid value 'loud' for daemon.log-level: expected one of error, warn, "
                          "info, debug | for example: log-level = \"error\""));
    EXPECT_THAT(refusal("[daemon]\nlog-levle = \"info\"\n"),
                HasSubstr("did you mean 'log-level'?"));
    EXPECT_THAT(refusal("[driver\n"), testing::StartsWith("studio.toml:1: not valid TOML: "));
}

// As on the command line: the word jackd's manual names a letter by.
TEST_F(ConfigFileTest, ALetterOptionByItsWordPrintsAsTheLetter) {
    auto config = parse("[driver]\nname = \"alsa\"\ndither = \"shaped\"\n");
    EXPECT_EQ(config.driver.params.at("dither").value, ParameterValue('s'));
    EXPECT_THAT(refusal("[driver]\nname = \"alsa\"\ndither = \"sausage\"\n"),
                testing::StartsWith("studio.toml:3: driver 'alsa': invalid value 'sausage' for "
                                    "driver.dither: expected one of 'n' (none)"));
    EXPECT_THAT(print({"-d", "alsa", "--dither=shaped"}), HasSubstr("dither = \"s\""));
}

TEST_F(ConfigFileTest, UnreadableFileIsAConfigError) {
    EXPECT_THROW(load_config_file("/nonexistent/studio.toml", catalog), ConfigError);
}

TEST_F(ConfigFileTest, DurationsReadAsOnTheCommandLine) {
    auto config = parse_config("[daemon]\nstall-timeout = \"1.5s\"\nwait-device = 3\n",
                               "studio.toml", catalog);
    EXPECT_EQ(config.daemon.stall_timeout, std::chrono::milliseconds(1500));
    EXPECT_EQ(config.daemon.wait_device, std::chrono::milliseconds(3000)); // a bare number: s
    EXPECT_THAT(refusal("[daemon]\nwait-device = -1\n"),
                HasSubstr("invalid value '-1' for daemon.wait-device"));
}

TEST_F(ConfigFileTest, CommandLineOverridesTheFileAndAddsToIt) {
    auto file = write("over.toml", "[server]\nport-max = 256\nname = \"studio\"\n"
                                   "[driver]\nname = \"dummy\"\nrate = 44100\nperiod = 256\n");
    // Before -d, -p is the server's port-max; after -d dummy, the driver's period.
    auto config = line({"--config", file, "-p", "128", "-d", "dummy", "-p", "64"}).config;
    EXPECT_EQ(config.server.at("port-max").value, ParameterValue(std::uint32_t{128}));
    EXPECT_EQ(config.server.at("port-max").origin, "-p/--port-max");
    EXPECT_EQ(config.server.at("name").origin, file + ":3");
    EXPECT_EQ(config.driver.params.at("period").value, ParameterValue(std::uint32_t{64}));
    EXPECT_EQ(config.driver.params.at("rate").value, ParameterValue(std::uint32_t{44100}));
    EXPECT_EQ(config.driver.params.at("rate").origin, file + ":6");

    // Another driver replaces the file's driver and all its parameters.
    auto other = line({"--config", file, "-d", "alsa", "-d", "null"}).config;
    EXPECT_EQ(other.driver.name, "alsa");
    EXPECT_FALSE(other.driver.params.contains("rate"));
    EXPECT_EQ(other.driver.params.at("device").value, ParameterValue(std::string("null")));

    // No -d keeps the file's driver.
    EXPECT_EQ(line({"--config", file}).config.driver.name, "dummy");
    EXPECT_TRUE(line({"--config", file}).config.reread);
    EXPECT_FALSE(line({"-d", "dummy"}).config.reread);
}

TEST_F(ConfigFileTest, LayersAddSlavesAndInternalsAndKeepDaemonOptions) {
    Config lower = parse("[[slave]]\nname = \"alsarawmidi\"\n[daemon]\nlog-level = \"warn\"\n"
                         "max-xruns = 2\n");
    Config upper;
    upper.slaves.push_back({"loopback", {}});
    upper.daemon.silent = true;
    upper.origins["daemon.silent"] = "-s/--silent";
    apply_layer(lower, upper);
    ASSERT_EQ(lower.slaves.size(), 2u);
    EXPECT_EQ(lower.slaves[1].name, "loopback");
    EXPECT_EQ(lower.daemon.log_level, LogLevel::warn);
    EXPECT_EQ(lower.daemon.max_xruns, 2u);
    EXPECT_TRUE(lower.daemon.silent);
}

TEST_F(ConfigFileTest, NoDriverAnywhereIsAConfigError) {
    auto file = write("nodriver.toml", "[server]\nport-max = 256\n");
    EXPECT_THROW(line({"--config", file}), ConfigError);
}

class RoundTrip : public ConfigFileTest, public testing::WithParamInterface<std::string> {};

// print → load → print gives the same text, for many jackd command lines.
TEST_P(RoundTrip, PrintLoadPrintIsIdentical) {
    auto words = cli::split_words(GetParam());
    auto printed = print(words);
    auto file = write("roundtrip.toml", printed);
    EXPECT_EQ(print({"--config", file}), printed) << printed;
    EXPECT_EQ(print({"--config", file}, ConfigFormat::json), print(words, ConfigFormat::json));
}

INSTANTIATE_TEST_SUITE_P(
    JackdLines, RoundTrip,
    testing::Values("-d dummy", "-d alsa -d hw:1 -r 48000", "-R -P 70 -d alsa -p 256 -n 3",
                    "-n studio -S -t 500 -T -p 256 -c h -a E -d dummy -r 44100 -p 64",
                    "-r -v -s -d alsa -C -P -z t -i 2 -o 2 -S -H",
                    "-X alsarawmidi -I netmanager -I profiler -L 4 -d dummy",
                    "-C /tmp/session -a ' ' --replace-registry -d dummy -C 4 -P 4 -w 1000",
                    "--name=x --clock-source=system -d net -a 239.1.2.3 -p 19000 -n studio",
                    "-d alsa --device=hw:CARD=PCH,DEV=0 --midi-driver=seq"));

TEST_F(ConfigFileTest, JsonHasTheIssuesShapeAndTypes) {
    auto json = nlohmann::json::parse(print(
        {"-n", "studio", "-a", "E", "-d", "alsa", "-r", "44100", "-z", "t"}, ConfigFormat::json));
    EXPECT_EQ(json["server"]["name"], "studio");
    EXPECT_EQ(json["server"]["port-max"], 2048);
    EXPECT_EQ(json["server"]["self-connect-mode"], "E");
    EXPECT_EQ(json["server"]["realtime"], true);
    EXPECT_EQ(json["driver"]["name"], "alsa");
    EXPECT_EQ(json["driver"]["params"]["rate"], 44100);
    EXPECT_EQ(json["driver"]["params"]["dither"], "t");
    EXPECT_TRUE(json["slaves"].is_array());
    EXPECT_TRUE(json["internals"].is_array());
    EXPECT_EQ(json["set"], nlohmann::json({"server.name", "server.self-connect-mode", "driver.rate",
                                           "driver.dither"}));
}

TEST_F(ConfigFileTest, TomlShowsDefaultsAsComments) {
    auto text = print({"-d", "dummy", "-r", "44100"});
    EXPECT_THAT(text, HasSubstr("\n[driver]\nname = \"dummy\"\n"));
    EXPECT_THAT(text, HasSubstr("\nrate = 44100\n"));
    EXPECT_THAT(text, HasSubstr("\n# period = 1024\n"));
    EXPECT_THAT(text, HasSubstr("\n# port-max = 2048\n"));
}

// --print-config says where each value came from, as ccache's --show-config
// does: default (with the default's value, and how a derived one is made), the
// file and line, the command line's option, the environment's variable, the
// .jackdrc's line and option.
TEST_F(ConfigFileTest, PrintConfigSaysWhereEachValueCameFrom) {
    auto entry = [](const std::string& line, const std::string& origin) {
        return fmt::format("\n{:<40} # {}\n", line, origin);
    };
    auto path = write("origins.toml", "[driver]\nname = \"dummy\"\nperiod = 256\n"
                                      "[daemon]\nfallback = \"dummy\"\n");
    auto text = print_with_origins({"--config", path, "-d", "dummy", "-r", "44100"});
    EXPECT_THAT(text, HasSubstr(entry("rate = 44100", "command line -r/--rate")));
    EXPECT_THAT(text, HasSubstr(entry("period = 256", path + ":3")));
    EXPECT_THAT(text, HasSubstr(entry("name = \"dummy\"", "command line -d/--driver")));
    EXPECT_THAT(text, HasSubstr(entry("fallback = \"dummy\"", path + ":5")));
    EXPECT_THAT(text, HasSubstr(entry("# port-max = 2048", "default")));
    EXPECT_THAT(text, HasSubstr(entry("# card-return-hold = \"10s\"", "default")));
    EXPECT_THAT(text, HasSubstr(entry("# reload-timeout = \"10s\"", "default")));
    // 100 periods of 256 frames at 44100 Hz are 0.58 s: the floor, 2 s.
    EXPECT_THAT(text,
                HasSubstr(entry("# stall-timeout = \"2s\"", "default: 100 periods, at least 2s")));
    EXPECT_THAT(text, HasSubstr(entry("# pid-file is not set", "default: none")));

    auto json = nlohmann::json::parse(
        print_with_origins({"--config", path, "-d", "dummy", "-r", "44100"}, ConfigFormat::json));
    EXPECT_EQ(json["origins"]["driver.rate"], "command line -r/--rate");
    EXPECT_EQ(json["origins"]["driver.period"], path + ":3");
    EXPECT_EQ(json["origins"]["daemon.card-return-hold"], "default");
    EXPECT_EQ(json["daemon"]["card-return-hold"], "10s");

    setenv("JACK_NO_AUDIO_RESERVATION", "1", 1);
    auto environment = print_with_origins({"--config", path});
    auto over = print_with_origins({"--config", path, "--no-audio-reservation"});
    unsetenv("JACK_NO_AUDIO_RESERVATION");
    EXPECT_THAT(environment, HasSubstr(entry("no-audio-reservation = true",
                                             "environment JACK_NO_AUDIO_RESERVATION")));
    EXPECT_THAT(over, HasSubstr(entry("no-audio-reservation = true",
                                      "command line --no-audio-reservation")));
    EXPECT_THAT(print_with_origins({"--config", path}),
                HasSubstr(entry("# no-audio-reservation = false", "default")));

    auto jackdrc = write("origins.jackdrc", "/usr/bin/jackd --stall-timeout 3s -dalsa -dhw:1\n");
    auto from_jackdrc = print_with_origins({"--jackdrc", jackdrc});
    EXPECT_THAT(from_jackdrc,
                HasSubstr(entry("stall-timeout = \"3s\"", jackdrc + ":1 (--stall-timeout)")));
    EXPECT_THAT(from_jackdrc, HasSubstr(entry("device = \"hw:1\"", jackdrc + ":1 (-d/--device)")));
}

TEST_F(ConfigFileTest, JackdrcSkipsTheProgramAndReadsGluedOptions) {
    auto path = write("jackdrc", "/usr/bin/jackd -P70 -dalsa -dhw:1 -r48000 -p256\nignored\n");
    auto config = cli::read_jackdrc(path, catalog);
    EXPECT_EQ(config.server.at("realtime-priority").value, ParameterValue(std::int32_t{70}));
    EXPECT_EQ(config.server.at("realtime-priority").origin, path + ":1 (-P/--realtime-priority)");
    EXPECT_EQ(config.driver.name, "alsa");
    EXPECT_EQ(config.driver.params.at("device").value, ParameterValue(std::string("hw:1")));
    EXPECT_EQ(config.driver.params.at("period").value, ParameterValue(std::uint32_t{256}));

    auto bare = write("jackdrc-bare", "-d dummy -r 44100");
    EXPECT_EQ(cli::read_jackdrc(bare, catalog).driver.name, "dummy");
}

TEST_F(ConfigFileTest, JackdrcWithQuotesAndUnderAConfigFile) {
    auto rc = write("jackdrc-q", "jackd -n 'my studio' -d dummy -r 44100\n");
    auto file = write("over-rc.toml", "[driver]\nname = \"dummy\"\nrate = 48000\n");
    auto config = line({"--jackdrc", rc, "--config", file}).config;
    EXPECT_EQ(config.server.at("name").value, ParameterValue(std::string("my studio")));
    EXPECT_EQ(config.driver.params.at("rate").value, ParameterValue(std::uint32_t{48000}));
}

TEST_F(ConfigFileTest, JackdrcErrorsAreConfigErrorsWithFileAndLine) {
    auto rc = write("jackdrc-bad", "/usr/bin/jackd -d dummy -r 48k\n");
    try {
        cli::read_jackdrc(rc, catalog);
        FAIL() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_THAT(e.what(), testing::StartsWith(rc + ":1: driver 'dummy': invalid value '48k'"));
    }
}

TEST_F(ConfigFileTest, DefaultJackdrcIsInHome) {
    auto home =
        std::filesystem::temp_directory_path() / ("jack-server-home-" + std::to_string(getpid()));
    std::filesystem::create_directories(home);
    std::ofstream(home / ".jackdrc") << "/usr/bin/jackd -d dummy -p 128\n";
    const char* old = std::getenv("HOME");
    std::string saved = old ? old : "";
    setenv("HOME", home.c_str(), 1);
    auto config = line({"--jackdrc"}).config;
    setenv("HOME", saved.c_str(), 1);
    std::filesystem::remove_all(home);
    EXPECT_EQ(config.driver.params.at("period").value, ParameterValue(std::uint32_t{128}));
}

TEST_F(ConfigFileTest, PrintConfigAndCheckActions) {
    EXPECT_EQ(line({"--print-config", "-d", "dummy"}).action,
              cli::CommandLine::Action::print_config);
    auto json = line({"--print-config=json", "-d", "dummy"});
    EXPECT_EQ(json.print_format, ConfigFormat::json);
    EXPECT_EQ(line({"--check", "-d", "dummy"}).action, cli::CommandLine::Action::check);
    EXPECT_THROW(line({"--print-config=yaml", "-d", "dummy"}), cli::UsageError);
}

} // namespace

namespace {

TEST_F(ConfigFileTest, ConnectEntriesWithTheirOrigins) {
    auto config = parse(R"([driver]
name = "dummy"

[[connect]]
from = "metro:*"
to = "system:playback_*"
)");
    ASSERT_EQ(config.connections.size(), 1u);
    EXPECT_EQ(config.connections[0].from, "metro:*");
    EXPECT_EQ(config.connections[0].to, "system:playback_*");
    EXPECT_EQ(config.connections[0].origin, "studio.toml:4");
    EXPECT_EQ(refusal("[[connect]]\nfrom = \"a:*\"\n"),
              "studio.toml:1: [[connect]] needs 'to' | for example: from = \"metro:*\" and to = "
              "\"system:playback_*\"");
    EXPECT_THAT(refusal("[[connect]]\nfrom = \"a:*\"\nto = 3\n"),
                HasSubstr("studio.toml:3: invalid value '3' for connect.to: expected a port name "
                          "or pattern in quotes"));
    EXPECT_THAT(refusal("[[connect]]\nfrom = \"a:*\"\nto = \"b:*\"\ntoo = 1\n"),
                HasSubstr("studio.toml:4: unknown key 'too' in [[connect]]"));
}

TEST_F(ConfigFileTest, ConnectEntriesAddUpAndPrint) {
    auto path = write("connect.toml", "[driver]\nname = \"dummy\"\n[[connect]]\nfrom = "
                                      "\"a:out\"\nto = \"b:in\"\n");
    auto config = line({"--config", path, "--connect", "c:*=d:*"}).config;
    ASSERT_EQ(config.connections.size(), 2u);
    EXPECT_EQ(config.connections[1].from, "c:*");
    EXPECT_EQ(config.connections[1].origin, "--connect");
    auto printed = print({"--config", path, "--connect", "c:*=d:*"});
    EXPECT_THAT(printed, HasSubstr("[[connect]]\nfrom = \"a:out\"\nto = \"b:in\"\n"));
    EXPECT_THAT(printed, HasSubstr("[[connect]]\nfrom = \"c:*\"\nto = \"d:*\"\n"));
    auto json = nlohmann::json::parse(
        print({"--config", path, "--connect", "c:*=d:*"}, ConfigFormat::json));
    EXPECT_EQ(json["connections"][1]["to"], "d:*");
}

} // namespace

namespace {

TEST_F(ConfigFileTest, CardTablesWithTheirFieldsAndOrigins) {
    auto config = parse(R"([driver]
name = "dummy"

[[card]]
name = "mic"
device = "hw:USB"
playback = false
channels = 2
period = 128
nperiods = 3
quality = 48
)");
    ASSERT_EQ(config.cards.size(), 1u);
    const auto& card = config.cards[0];
    EXPECT_EQ(card.name, "mic");
    EXPECT_EQ(card.device, "hw:USB");
    EXPECT_EQ(card.capture, std::nullopt);
    EXPECT_EQ(card.playback, false);
    EXPECT_EQ(card.channels, 2u);
    EXPECT_EQ(card.period, 128u);
    EXPECT_EQ(card.nperiods, 3u);
    EXPECT_EQ(card.quality, 48u);
    EXPECT_EQ(card.origin, "studio.toml:4");
    EXPECT_EQ(refusal("[[card]]\nname = \"mic\"\n"),
              "studio.toml:1: [[card]] needs 'device' | for example: name = \"mic\" and device = "
              "\"hw:USB\"");
    EXPECT_THAT(refusal("[[card]]\nname = \"mic\"\ndevice = \"hw:1\"\ncapture = \"yes\"\n"),
                HasSubstr("studio.toml:4: invalid value 'yes' for card.capture: expected "
                          "true or false"));
    EXPECT_THAT(refusal("[[card]]\nname = \"mic\"\ndevice = \"hw:1\"\nchanels = 2\n"),
                HasSubstr("studio.toml:4: unknown key 'chanels' in [[card]] | did you mean "
                          "'channels'?"));
}

TEST_F(ConfigFileTest, CardsAddUpByNameAndPrint) {
    auto path = write("cards.toml", "[driver]\nname = \"dummy\"\n[[card]]\nname = \"mic\"\n"
                                    "device = \"hw:1\"\n[[card]]\nname = \"out\"\n"
                                    "device = \"hw:2\"\n");
    auto config = line({"--config", path, "--card", "out=hw:3", "--card", "pad=hw:4"}).config;
    ASSERT_EQ(config.cards.size(), 3u);
    EXPECT_EQ(config.cards[1].device, "hw:3") << "the command line's 'out' replaces the file's";
    EXPECT_EQ(config.cards[1].origin, "--card");
    EXPECT_EQ(config.cards[2].name, "pad");
    auto printed = print({"--config", path, "--card", "pad=hw:4"});
    EXPECT_THAT(printed, HasSubstr("[[card]]\nname = \"pad\"\ndevice = \"hw:4\"\n"));
    auto json = nlohmann::json::parse(print({"--config", path}, ConfigFormat::json));
    EXPECT_EQ(json["cards"][1], nlohmann::json({{"name", "out"}, {"device", "hw:2"}}));
}

} // namespace
