// SPDX-License-Identifier: GPL-2.0-or-later
#include "command_line.hpp"
#include "config/catalog.hpp"
#include "usage_error.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

using jack_server::Catalog;
using jack_server::LogLevel;
using jack_server::ParameterValue;
using jack_server::Server;
using jack_server::cli::CommandLine;
using jack_server::cli::parse_command_line;
using jack_server::cli::UsageError;
using testing::HasSubstr;

namespace {

class CommandLineTest : public testing::Test {
protected:
    CommandLine parse(std::vector<std::string> words) { return parse_command_line(words, catalog); }

    ParameterValue server_value(const CommandLine& line, const std::string& name) {
        return line.config.server.at(name).value;
    }

    // The usage error's message and hint, "message | hint".
    std::string refusal(std::vector<std::string> words) {
        try {
            parse(std::move(words));
        } catch (const UsageError& e) {
            return std::string(e.what()) + " | " + e.hint();
        }
        return "accepted";
    }

    // The master drivers installed, as hints list them: no test pins the set.
    std::string masters() const {
        return fmt::format(
            "{}", fmt::join(Catalog(catalog).driver_names(jack_server::DriverType::master), ", "));
    }

    Server catalog;
};

TEST_F(CommandLineTest, EveryServerOptionByShortName) {
    auto line =
        parse({"-n", "studio", "-S",          "-R",  "-P",       "70", "-t",           "500", "-T",
               "-v", "-s",     "-p",          "256", "-c",       "h",  "-a",           "E",   "-L",
               "4",  "-X",     "alsarawmidi", "-I",  "profiler", "-C", "/tmp/session", "-m",  "-u",
               "-d", "dummy"});
    EXPECT_EQ(line.action, CommandLine::Action::run);
    EXPECT_EQ(server_value(line, "name"), ParameterValue(std::string("studio")));
    EXPECT_EQ(server_value(line, "sync"), ParameterValue(true));
    EXPECT_EQ(server_value(line, "realtime"), ParameterValue(true));
    EXPECT_EQ(server_value(line, "realtime-priority"), ParameterValue(std::int32_t{70}));
    EXPECT_EQ(server_value(line, "client-timeout"), ParameterValue(std::int32_t{500}));
    EXPECT_EQ(server_value(line, "temporary"), ParameterValue(true));
    EXPECT_EQ(server_value(line, "verbose"), ParameterValue(true));
    EXPECT_EQ(server_value(line, "port-max"), ParameterValue(std::uint32_t{256}));
    EXPECT_EQ(server_value(line, "clock-source"), ParameterValue(std::uint32_t{1}));
    EXPECT_EQ(server_value(line, "self-connect-mode"), ParameterValue('E'));
    EXPECT_EQ(line.config.loopback_ports, 4u);
    ASSERT_EQ(line.config.slaves.size(), 1u);
    EXPECT_EQ(line.config.slaves[0].name, "alsarawmidi");
    ASSERT_EQ(line.config.internals.size(), 1u);
    EXPECT_EQ(line.config.internals[0].name, "profiler");
    EXPECT_EQ(line.config.session_file, "/tmp/session");
    EXPECT_TRUE(line.config.daemon.silent);
    EXPECT_EQ(line.config.daemon.log_level, LogLevel::debug);
    EXPECT_EQ(line.config.driver.name, "dummy");
}

TEST_F(CommandLineTest, EveryServerOptionByLongName) {
    auto line = parse({"--name=studio",
                       "--sync",
                       "--no-realtime",
                       "--realtime-priority",
                       "70",
                       "--timeout=500",
                       "--temporary",
                       "--verbose",
                       "--silent",
                       "--port-max",
                       "256",
                       "--clock-source=system",
                       "--autoconnect",
                       "a",
                       "--loopback-driver",
                       "2",
                       "--midi-driver",
                       "alsarawmidi",
                       "--internal-client=netmanager",
                       "--internal-session-file",
                       "/tmp/s",
                       "--replace-registry",
                       "--no-mlock",
                       "--unlock",
                       "--audio-driver",
                       "dummy"});
    EXPECT_EQ(server_value(line, "name"), ParameterValue(std::string("studio")));
    EXPECT_EQ(server_value(line, "realtime"), ParameterValue(false));
    EXPECT_EQ(server_value(line, "clock-source"), ParameterValue(std::uint32_t{0}));
    EXPECT_EQ(server_value(line, "self-connect-mode"), ParameterValue('a'));
    EXPECT_EQ(server_value(line, "replace-registry"), ParameterValue(true));
    EXPECT_EQ(line.config.loopback_ports, 2u);
    EXPECT_EQ(line.config.internals[0].name, "netmanager");
    EXPECT_EQ(line.config.session_file, "/tmp/s");
}

TEST_F(CommandLineTest, JackdAliasesForDriverLoopbackAndSlaves) {
    EXPECT_EQ(parse({"--driver", "dummy"}).config.driver.name, "dummy");
    EXPECT_EQ(parse({"--driver=dummy"}).config.driver.name, "dummy");
    EXPECT_EQ(parse({"--audio-driver=dummy"}).config.driver.name, "dummy");
    EXPECT_EQ(parse({"--loopback", "3", "-d", "dummy"}).config.loopback_ports, 3u);
    EXPECT_EQ(parse({"--slave-backend", "loopback", "-d", "dummy"}).config.slaves[0].name,
              "loopback");
}

TEST_F(CommandLineTest, BundledFlagsAndGluedValues) {
    auto line = parse({"-RSv", "-P70", "-p512", "-dalsa"});
    EXPECT_EQ(server_value(line, "realtime"), ParameterValue(true));
    EXPECT_EQ(server_value(line, "sync"), ParameterValue(true));
    EXPECT_EQ(server_value(line, "verbose"), ParameterValue(true));
    EXPECT_EQ(server_value(line, "realtime-priority"), ParameterValue(std::int32_t{70}));
    EXPECT_EQ(server_value(line, "port-max"), ParameterValue(std::uint32_t{512}));
    EXPECT_EQ(line.config.driver.name, "alsa");
}

TEST_F(CommandLineTest, DriverGluedToABundle) {
    auto line = parse({"-Rddummy", "-r", "44100"});
    EXPECT_EQ(server_value(line, "realtime"), ParameterValue(true));
    EXPECT_EQ(line.config.driver.name, "dummy");
    EXPECT_EQ(line.config.driver.params.at("rate").value, ParameterValue(std::uint32_t{44100}));
}

TEST_F(CommandLineTest, TheSameLetterMeansTheServerBeforeDAndTheDriverAfter) {
    // A real unit file's line: the final -S is the alsa driver's "shorts".
    auto line = parse({"-R", "-P", "75", "-d", "alsa", "-d", "hw:0", "-r", "48000", "-n", "3", "-p",
                       "128", "-S"});
    EXPECT_EQ(line.config.server.count("sync"), 0u);
    const auto& driver = line.config.driver.params;
    EXPECT_EQ(driver.at("shorts").value, ParameterValue(true));
    EXPECT_EQ(driver.at("device").value, ParameterValue(std::string("hw:0")));
    EXPECT_EQ(driver.at("nperiods").value, ParameterValue(std::uint32_t{3}));
    EXPECT_EQ(driver.at("period").value, ParameterValue(std::uint32_t{128}));
    EXPECT_EQ(server_value(line, "realtime-priority"), ParameterValue(std::int32_t{75}));
}

TEST_F(CommandLineTest, AValueThatLooksLikeDIsTheOptionsValue) {
    // As getopt does: -n takes the next word whatever it is.
    auto line = parse({"-n", "dx", "-d", "dummy"});
    EXPECT_EQ(server_value(line, "name"), ParameterValue(std::string("dx")));
}

TEST_F(CommandLineTest, RepeatedOptionsLastWinsAndListsAccumulate) {
    auto line =
        parse({"-P", "20", "-P", "30", "-X", "alsarawmidi", "-X", "loopback", "-d", "dummy"});
    EXPECT_EQ(server_value(line, "realtime-priority"), ParameterValue(std::int32_t{30}));
    EXPECT_EQ(line.config.slaves.size(), 2u);
}

TEST_F(CommandLineTest, ClockSourceAcceptsJackdLettersAndWords) {
    EXPECT_EQ(server_value(parse({"-c", "c", "-d", "dummy"}), "clock-source"),
              ParameterValue(std::uint32_t{0}));
    EXPECT_EQ(server_value(parse({"-c", "HPET", "-d", "dummy"}), "clock-source"),
              ParameterValue(std::uint32_t{1}));
}

TEST_F(CommandLineTest, HelpVersionAndDriverHelp) {
    EXPECT_EQ(parse({"-h"}).action, CommandLine::Action::help);
    EXPECT_EQ(parse({"--help"}).action, CommandLine::Action::help);
    EXPECT_EQ(parse({"-V"}).action, CommandLine::Action::version);
    EXPECT_EQ(parse({"--version"}).action, CommandLine::Action::version);
    auto driver_help = parse({"-d", "alsa", "--help"});
    EXPECT_EQ(driver_help.action, CommandLine::Action::driver_help);
    EXPECT_EQ(driver_help.config.driver.name, "alsa");
    EXPECT_EQ(parse({"-d", "dummy", "-h"}).action, CommandLine::Action::driver_help);
}

TEST_F(CommandLineTest, RefusesNonNumbers) {
    EXPECT_EQ(refusal({"-P", "x", "-d", "dummy"}),
              "invalid value 'x' for -P/--realtime-priority: expected a whole number from 1 to 99"
              " | 'jack-server --help' describes -P/--realtime-priority");
    EXPECT_EQ(refusal({"-p", "-5", "-d", "dummy"}),
              "invalid value '-5' for -p/--port-max: expected a whole number from 0 to 4294967295"
              " | 'jack-server --help' describes -p/--port-max");
    EXPECT_THAT(refusal({"-t", "1e3", "-d", "dummy"}), HasSubstr("invalid value '1e3' for -t"));
}

TEST_F(CommandLineTest, RefusesOutOfRangeAndOutsideEnum) {
    EXPECT_THAT(refusal({"-P", "100", "-d", "dummy"}),
                HasSubstr("invalid value '100' for -P/--realtime-priority"));
    EXPECT_THAT(refusal({"-a", "x", "-d", "dummy"}),
                HasSubstr("invalid value 'x' for -a/--autoconnect: expected one of ' '"));
    EXPECT_EQ(refusal({"-c", "q", "-d", "dummy"}),
              "invalid value 'q' for -c/--clock-source: expected h (hpet) or s (system)"
              " | c (cycle) is accepted and means s, as in jackd2");
    EXPECT_THAT(refusal({"-L", "-2", "-d", "dummy"}),
                HasSubstr("invalid value '-2' for -L/--loopback-driver"));
}

TEST_F(CommandLineTest, RefusesUnknownOptionsWithASuggestion) {
    EXPECT_EQ(refusal({"--prot-max", "4", "-d", "dummy"}),
              "unknown option '--prot-max' | did you mean '--port-max'? 'jack-server --help' "
              "lists the options");
    EXPECT_THAT(refusal({"-Q", "-d", "dummy"}), HasSubstr("unknown option '-Q'"));
    EXPECT_THAT(refusal({"stray", "-d", "dummy"}),
                HasSubstr("unexpected argument 'stray' before -d"));
}

TEST_F(CommandLineTest, RefusesUnknownAndWrongKindsOfDrivers) {
    EXPECT_EQ(refusal({"-d", "dumy"}),
              "unknown driver 'dumy' given to -d | did you mean 'dummy'? master drivers: " +
                  masters());
    EXPECT_EQ(refusal({"-d", "alsarawmidi"}),
              "driver 'alsarawmidi' given to -d is a slave driver; -d takes a master driver | "
              "master drivers: " +
                  masters());
    EXPECT_THAT(refusal({"-X", "dummy", "-d", "dummy"}),
                HasSubstr("driver 'dummy' given to -X/--midi-driver is a master driver"));
    EXPECT_THAT(refusal({"-X", "seq", "-d", "dummy"}),
                HasSubstr("unknown driver 'seq' given to -X/--midi-driver"));
    EXPECT_THAT(refusal({"-I", "nosuch", "-d", "dummy"}),
                HasSubstr("unknown internal client 'nosuch' given to -I/--internal-client"));
}

TEST_F(CommandLineTest, RefusesAMissingDriver) {
    EXPECT_THAT(refusal({}), HasSubstr("no driver given: -d NAME is required"));
    EXPECT_THAT(refusal({"-R"}), HasSubstr("no driver given"));
    EXPECT_THAT(refusal({"-d"}), HasSubstr("option -d/--driver needs a driver name"));
}

TEST_F(CommandLineTest, RefusesAMissingValue) {
    EXPECT_EQ(refusal({"-n"}), "option -n/--name needs a value | for example: -n NAME");
    EXPECT_EQ(refusal({"-d", "dummy", "--rate="}).substr(0, 48),
              "driver 'dummy': invalid value '' for -r/--rate: ");
}

TEST_F(CommandLineTest, RefusesJack1Options) {
    for (std::string option : {"-Z", "-l", "-F"})
        EXPECT_THAT(refusal({option, "-d", "dummy"}),
                    HasSubstr("option " + option + " is a jack1 option"));
}

TEST_F(CommandLineTest, RefusesContradictions) {
    EXPECT_THAT(refusal({"-R", "-r", "-d", "dummy"}), HasSubstr("contradict"));
}

TEST_F(CommandLineTest, RefusesAnOverlongName) {
    EXPECT_THAT(refusal({"-n", std::string(128, 'x'), "-d", "dummy"}),
                HasSubstr("expected text of at most 127 characters"));
}

// Found by fuzzing: each was accepted and started a broken server, or failed
// later with an unclear reason.
TEST_F(CommandLineTest, RefusesAnEmptyNameOrOneWithASlash) {
    EXPECT_EQ(refusal({"-n", "", "-d", "dummy"}),
              "empty value for -n/--name: expected a server name | leave -n out to use the "
              "name 'default'");
    EXPECT_THAT(refusal({"-n", "a/b", "-d", "dummy"}),
                HasSubstr("invalid value 'a/b' for -n/--name: a server name cannot contain '/'"));
}

TEST_F(CommandLineTest, RefusesARateOrPeriodOfZero) {
    EXPECT_EQ(refusal({"-d", "dummy", "-r", "0"}),
              "driver 'dummy': invalid value '0' for -r/--rate: expected a whole number from 1 to "
              "4294967295 | for example: -r 48000");
    EXPECT_THAT(refusal({"-d", "alsa", "--period=0"}),
                HasSubstr("driver 'alsa': invalid value '0' for -p/--period"));
    EXPECT_EQ(parse({"-d", "dummy", "-p", "1"}).action, CommandLine::Action::run);
}

TEST_F(CommandLineTest, RefusesABadLoopbackCountInItsOwnTerms) {
    for (std::string count : {"-1", "99999999999", "x"})
        EXPECT_EQ(refusal({"-L", count, "-d", "dummy"}),
                  "invalid value '" + count +
                      "' for -L/--loopback-driver: expected a whole number of ports from 0 to "
                      "2147483647 | give the number of loopback ports, e.g. -L 8");
}

TEST(PluginsNeeded, NamesTheDriverSlavesLoopbackInternalsAndFallback) {
    using jack_server::cli::plugins_needed;
    EXPECT_EQ(plugins_needed({"-X", "alsarawmidi", "-L", "2", "-I", "profiler", "-d", "alsa"}),
              (std::vector<std::string>{"alsa", "alsarawmidi", "loopback", "profiler", "dummy"}));
    // dummy: where a suspend moves the master when no --fallback is set.
    EXPECT_EQ(plugins_needed({"-Rdalsa", "-r", "48000"}),
              (std::vector<std::string>{"alsa", "dummy"}));
    EXPECT_EQ(plugins_needed({"--fallback", "alsa:hw:1", "-d", "alsa"}),
              (std::vector<std::string>{"alsa", "alsa"}));
    EXPECT_EQ(plugins_needed({"--help"}), std::nullopt);
    EXPECT_EQ(plugins_needed({"-V", "-d", "dummy"}), std::nullopt);
    // A reload may switch to any driver: a config source gets every plugin.
    EXPECT_EQ(plugins_needed({"--config", "studio.toml", "-d", "dummy"}), std::nullopt);
    EXPECT_EQ(plugins_needed({"--jackdrc", "-d", "dummy"}), std::nullopt);
    EXPECT_EQ(plugins_needed({"-r"}), std::nullopt);
    EXPECT_EQ(plugins_needed({"--bogus", "-d", "dummy"}), std::nullopt);
}

} // namespace

namespace {

TEST_F(CommandLineTest, ServiceOptionsBeforeD) {
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    auto line = parse({"--log-level", "warn", "--log-format", "json", "--ready-fd",
                       std::to_string(ready[1]), "--background", "--pid-file", "j.pid",
                       "--stall-timeout", "1.5s", "--wait-device", "1m", "--max-xruns", "0",
                       "--stats-file", "s.json", "-d", "dummy"});
    const auto& daemon = line.config.daemon;
    EXPECT_EQ(daemon.log_level, LogLevel::warn);
    EXPECT_EQ(daemon.log_format, jack_server::LogFormat::json);
    EXPECT_EQ(daemon.ready_fd, ready[1]);
    close(ready[0]);
    close(ready[1]);
    EXPECT_TRUE(daemon.background);
    EXPECT_EQ(daemon.pid_file, "j.pid");
    EXPECT_EQ(daemon.stall_timeout, std::chrono::milliseconds(1500));
    EXPECT_EQ(daemon.wait_device, std::chrono::milliseconds(60000));
    EXPECT_EQ(daemon.max_xruns, 0u);
    EXPECT_EQ(daemon.stats_file, "s.json");
}

TEST_F(CommandLineTest, ReloadTimeoutIsADuration) {
    auto line = parse({"--reload-timeout", "3s", "-d", "dummy"});
    EXPECT_EQ(line.config.daemon.reload_timeout, std::chrono::milliseconds(3000));
    EXPECT_EQ(line.config.origins.at("daemon.reload-timeout"), "--reload-timeout");
    EXPECT_EQ(refusal({"--reload-timeout", "0", "-d", "dummy"}),
              "invalid value '0' for --reload-timeout: expected at least 1s: a switch that will "
              "finish can take hundreds of milliseconds (a card opens, clients follow) | "
              "units: us, ms, s, m, h; a bare number is seconds");
}

// Every duration has a floor, with its reason (options.cpp). jackd has none
// of these options: it answers each with its whole usage text and status 255
// (tests/e2e/cli_test.cpp compares).
TEST_F(CommandLineTest, DurationsHaveFloorsWithTheirReason) {
    const std::string units = " | units: us, ms, s, m, h; a bare number is seconds";
    EXPECT_EQ(refusal({"--stall-timeout", "5ms", "-r", "-d", "dummy"}),
              "invalid value '5ms' for --stall-timeout: expected at least 100ms and 4 periods: one "
              "late sample or period must not end a healthy engine" +
                  units);
    // 4 periods of 8192 frames at 48000 Hz are 682.7 ms.
    EXPECT_EQ(refusal({"--stall-timeout", "500ms", "-d", "dummy", "-p", "8192"}),
              "invalid value '500ms' for --stall-timeout: expected at least 4 periods, 683ms at "
              "8192 frames and 48000 Hz: one late sample or period must not end a healthy engine" +
                  units);
    EXPECT_EQ(parse({"--stall-timeout", "683ms", "-d", "dummy", "-p", "8192"})
                  .config.daemon.stall_timeout,
              std::chrono::milliseconds(683));
    EXPECT_EQ(parse({"--stall-timeout", "100ms", "-d", "dummy"}).config.daemon.stall_timeout,
              std::chrono::milliseconds(100));
    EXPECT_EQ(refusal({"--wait-device", "100ms", "-d", "dummy"}),
              "invalid value '100ms' for --wait-device: expected at least 500ms: the device is "
              "tried again every 500ms, so a shorter wait never retries" +
                  units);
    EXPECT_EQ(refusal({"--fallback", "dummy", "--card-return-hold", "500ms", "-d", "dummy"}),
              "invalid value '500ms' for --card-return-hold: expected at least 1s: the lost card "
              "is looked for once a second, so a shorter hold changes nothing" +
                  units);
}

// --ready-fd must name a descriptor open for writing when the daemon starts,
// checked before the daemon opens any: else its own first descriptor (the
// signalfd) takes the number and receives the readiness line.
TEST_F(CommandLineTest, ReadyFdMustBeOpenForWriting) {
    int ends[2];
    ASSERT_EQ(pipe(ends), 0);
    auto read_end = std::to_string(ends[0]);
    EXPECT_EQ(parse({"--ready-fd", std::to_string(ends[1]), "-d", "dummy"}).config.daemon.ready_fd,
              ends[1]);
    EXPECT_EQ(refusal({"--ready-fd", read_end, "-d", "dummy"}),
              fmt::format("invalid value '{0}' for --ready-fd: descriptor {0} is open for reading "
                          "only; expected a descriptor open for writing | open it with {0}> "
                          "rather than {0}<",
                          read_end));
    close(ends[0]);
    close(ends[1]);
    EXPECT_EQ(refusal({"--ready-fd", read_end, "-d", "dummy"}),
              fmt::format("invalid value '{0}' for --ready-fd: descriptor {0} is not open; "
                          "expected a descriptor open for writing | open it for jack-server, "
                          "e.g. --ready-fd {0} {0}>ready.fifo",
                          read_end));
    // A close-on-exec descriptor is one this process opened itself since exec,
    // never one it was started with.
    int own = open("/dev/null", O_WRONLY | O_CLOEXEC);
    ASSERT_GE(own, 3);
    EXPECT_THAT(refusal({"--ready-fd", std::to_string(own), "-d", "dummy"}),
                HasSubstr(fmt::format("descriptor {} is not open", own)));
    close(own);
    // --check and --print-config start no daemon: the descriptor is not theirs to check.
    EXPECT_EQ(parse({"--check", "--ready-fd", read_end, "-d", "dummy"}).action,
              CommandLine::Action::check);
}

TEST_F(CommandLineTest, CardReturnHoldIsADuration) {
    auto line = parse({"--fallback", "dummy", "--card-return-hold", "30s", "-d", "dummy"});
    EXPECT_EQ(line.config.daemon.card_return_hold, std::chrono::milliseconds(30000));
    EXPECT_EQ(refusal({"--card-return-hold", "soon", "-d", "dummy"}),
              "invalid value 'soon' for --card-return-hold: expected a duration such as 500ms, 2s, "
              "1.5s or 1m | "
              "units: us, ms, s, m, h; a bare number is seconds");
}

TEST_F(CommandLineTest, ServiceOptionsRefuseBadValues) {
    EXPECT_EQ(refusal({"--log-level", "loud", "-d", "dummy"}),
              "invalid value 'loud' for --log-level: expected one of error, warn, info, debug | "
              "for example: --log-level error");
    EXPECT_EQ(refusal({"--log-format", "xml", "-d", "dummy"}),
              "invalid value 'xml' for --log-format: expected one of text, json | for example: "
              "--log-format text");
    EXPECT_EQ(refusal({"--ready-fd", "1", "-d", "dummy"}),
              "invalid value '1' for --ready-fd: expected a file descriptor number from 3 | 0, 1 "
              "and 2 are stdin, stdout and stderr");
    EXPECT_EQ(refusal({"--stall-timeout", "0s", "-d", "dummy"}),
              "invalid value '0s' for --stall-timeout: expected at least 100ms and 4 periods: one "
              "late sample or period must not end a healthy engine | units: us, ms, s, m, h; a "
              "bare number is seconds");
    EXPECT_EQ(refusal({"--wait-device", "soon", "-d", "dummy"}),
              "invalid value 'soon' for --wait-device: expected a duration such as 500ms, 2s, "
              "1.5s or 1m | units: us, ms, s, m, h; a bare number is seconds");
    EXPECT_EQ(refusal({"--max-xruns", "-1", "-d", "dummy"}),
              "invalid value '-1' for --max-xruns: expected a whole number of xruns from 0 | for "
              "example: --max-xruns 0");
}

} // namespace

namespace {

using testing::ElementsAre;

TEST_F(CommandLineTest, TheFirstDoubleDashEndsTheDriversWordsAndStartsTheCommand) {
    auto line = parse({"-r", "-d", "dummy", "-r", "44100", "--", "jack_lsp", "-c", "--", "-d"});
    EXPECT_EQ(line.config.driver.name, "dummy");
    EXPECT_EQ(std::get<std::uint32_t>(line.config.driver.params.at("rate").value), 44100u);
    EXPECT_THAT(line.config.command, ElementsAre("jack_lsp", "-c", "--", "-d"));
}

TEST_F(CommandLineTest, ACommandAfterTheServerOptionsWhenAFileGivesTheDriver) {
    // No file here: the driver is still missing, but the cut comes first.
    EXPECT_THAT(refusal({"-r", "--", "-d", "dummy"}), HasSubstr("no driver given"));
}

TEST_F(CommandLineTest, NoCommandWithoutDoubleDash) {
    EXPECT_TRUE(parse({"-d", "dummy"}).config.command.empty());
}

TEST_F(CommandLineTest, DoubleDashWithNothingAfterIt) {
    EXPECT_EQ(refusal({"-d", "dummy", "--"}),
              "'--' needs a command after it | for example: jack-server -d dummy -- jack_lsp");
}

TEST_F(CommandLineTest, PrivateShmWithACommand) {
    auto config = parse({"--private-shm", "-d", "dummy", "--", "true"}).config;
    EXPECT_TRUE(config.daemon.private_shm);
    EXPECT_FALSE(parse({"-d", "dummy", "--", "true"}).config.daemon.private_shm);
}

TEST_F(CommandLineTest, PrivateShmWithoutACommand) {
    EXPECT_EQ(refusal({"--private-shm", "-d", "dummy"}),
              "--private-shm needs -- COMMAND: no client outside the server's own /dev/shm could "
              "reach it | for example: jack-server --private-shm -d dummy -- ./run-tests");
}

TEST_F(CommandLineTest, ACommandWithBackgroundCheckOrPrintConfig) {
    EXPECT_THAT(refusal({"--background", "-d", "dummy", "--", "true"}),
                HasSubstr("--background cannot be given with -- COMMAND"));
    EXPECT_THAT(refusal({"--check", "-d", "dummy", "--", "true"}),
                HasSubstr("--check runs no command"));
    EXPECT_THAT(refusal({"--print-config", "-d", "dummy", "--", "true"}),
                HasSubstr("--print-config runs no command"));
}

} // namespace

namespace {

TEST_F(CommandLineTest, ConnectTakesFromEqualsTo) {
    auto line =
        parse({"--connect", "metro:*=system:playback_*", "--connect", "a:x=b:y", "-d", "dummy"});
    ASSERT_EQ(line.config.connections.size(), 2u);
    EXPECT_EQ(line.config.connections[0].from, "metro:*");
    EXPECT_EQ(line.config.connections[0].to, "system:playback_*");
    EXPECT_EQ(refusal({"--connect", "metro:*", "-d", "dummy"}),
              "invalid value 'metro:*' for --connect: expected FROM=TO, two port names or "
              "patterns | for example: --connect 'metro:*=system:playback_*'");
    EXPECT_THAT(refusal({"--connect", "=b:y", "-d", "dummy"}),
                testing::HasSubstr("invalid value '=b:y'"));
}

} // namespace

namespace {

// The server options are declared once and parsed again for each command line:
// nothing one parse was given may reach the next, refused or not.
TEST_F(CommandLineTest, EachParseStartsFromNothing) {
    std::vector<std::string> everything = {
        "-n",     "studio", "-S",        "-R",      "-P",          "70",   "-t",       "500",
        "-T",     "-v",     "-s",        "-p",      "256",         "-c",   "h",        "-a",
        "E",      "-L",     "4",         "-X",      "alsarawmidi", "-I",   "profiler", "-C",
        "/tmp/s", "-m",     "--connect", "a:x=b:y", "-d",          "dummy"};
    auto plain = parse({"-d", "dummy"});
    parse(everything);
    EXPECT_THAT(refusal({"-p", "256", "--no-such-option", "-d", "dummy"}),
                HasSubstr("unknown option '--no-such-option'"));
    auto again = parse({"-d", "dummy"});
    EXPECT_TRUE(again.config.server.empty());
    EXPECT_TRUE(again.config.slaves.empty());
    EXPECT_TRUE(again.config.internals.empty());
    EXPECT_TRUE(again.config.connections.empty());
    EXPECT_EQ(again.config.loopback_ports, plain.config.loopback_ports);
    EXPECT_EQ(again.config.session_file, plain.config.session_file);
    EXPECT_EQ(again.config.daemon.silent, plain.config.daemon.silent);
    EXPECT_EQ(again.config.daemon.log_level, plain.config.daemon.log_level);
    EXPECT_EQ(again.config.origins, plain.config.origins);
    EXPECT_EQ(parse({"--version"}).action, CommandLine::Action::version);
    EXPECT_EQ(parse({"-d", "dummy"}).action, CommandLine::Action::run);
}

} // namespace
