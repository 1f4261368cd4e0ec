// SPDX-License-Identifier: GPL-2.0-or-later
// A value refused on the command line is refused in a config file (with
// file:line) and, for libjackserver's parameters, through the library, with the
// same words: each row is one refused value, given all three ways.

#include "command_line.hpp"
#include "config/config_file.hpp"
#include "config/validate.hpp"
#include "errors.hpp"
#include "jack_server/error.hpp"
#include "usage_error.hpp"

#include <fmt/format.h>
#include <functional>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace jack_server;
using testing::EndsWith;
using testing::StartsWith;

namespace {

struct Refused {
    std::vector<std::string> words; // a command line that gives the value
    std::string file;               // a config file that gives it, with the value on line 2
    std::string cli_name, file_name;
    std::string shown;    // the value as every message quotes it
    std::string expected; // what every message says is expected
    // Sets it through the library; empty for jack-server's own options.
    std::function<void(Server&)> library;
};

std::ostream& operator<<(std::ostream& out, const Refused& refused) {
    return out << refused.file_name << " = " << refused.shown;
}

class Validate : public testing::TestWithParam<Refused> {
protected:
    Server catalog;
};

std::string message_of(const std::function<void()>& attempt) {
    try {
        attempt();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "accepted";
}

TEST_P(Validate, TheCommandLineTheFileAndTheLibraryRefuseWithTheSameWords) {
    const auto& row = GetParam();
    auto tail = fmt::format("invalid value '{}' for ", row.shown);

    auto words = row.words;
    EXPECT_THROW(cli::parse_command_line(words, catalog), cli::UsageError);
    auto cli = message_of([&] { cli::parse_command_line(words, catalog); });
    EXPECT_THAT(cli, testing::HasSubstr(tail + row.cli_name + ": " + row.expected));

    EXPECT_THROW(parse_config(row.file, "studio.toml", catalog), ConfigError);
    auto file = message_of([&] { parse_config(row.file, "studio.toml", catalog); });
    EXPECT_THAT(file, StartsWith("studio.toml:2: "));
    EXPECT_THAT(file, testing::HasSubstr(tail + row.file_name + ": " + row.expected));

    if (row.library) {
        Server server;
        auto library = message_of([&] { row.library(server); });
        EXPECT_THAT(library, testing::HasSubstr(row.expected)) << "through the library";
        EXPECT_THROW(row.library(server), ParameterError);
    }
}

const std::string dummy = "[driver]\nname = \"dummy\"\n";

INSTANTIATE_TEST_SUITE_P(
    EveryFrontEnd, Validate,
    testing::Values(
        Refused{{"--stall-timeout", "0s", "-d", "dummy"},
                "[daemon]\nstall-timeout = \"0s\"\n" + dummy,
                "--stall-timeout",
                "daemon.stall-timeout",
                "0s",
                "expected at least 100ms and 4 periods: one late sample or period must not end a "
                "healthy engine",
                {}},
        Refused{{"--stall-timeout", "5ms", "-r", "-d", "dummy"},
                "[daemon]\nstall-timeout = \"5ms\"\n" + dummy,
                "--stall-timeout",
                "daemon.stall-timeout",
                "5ms",
                "expected at least 100ms and 4 periods: one late sample or period must not end a "
                "healthy engine",
                {}},
        // The floor in periods needs the driver's period: 4 of 8192 frames at
        // 48000 Hz are 682.7 ms.
        Refused{{"--stall-timeout", "500ms", "-d", "dummy", "-p", "8192"},
                "[daemon]\nstall-timeout = \"500ms\"\n[driver]\nname = \"dummy\"\nperiod = 8192\n",
                "--stall-timeout",
                "daemon.stall-timeout",
                "500ms",
                "expected at least 4 periods, 683ms at 8192 frames and 48000 Hz: one late sample "
                "or period must not end a healthy engine",
                {}},
        Refused{{"--wait-device", "100ms", "-d", "dummy"},
                "[daemon]\nwait-device = \"100ms\"\n" + dummy,
                "--wait-device",
                "daemon.wait-device",
                "100ms",
                "expected at least 500ms: the device is tried again every 500ms, so a shorter wait "
                "never retries",
                {}},
        Refused{{"--reload-timeout", "500ms", "-d", "dummy"},
                "[daemon]\nreload-timeout = \"500ms\"\n" + dummy,
                "--reload-timeout",
                "daemon.reload-timeout",
                "500ms",
                "expected at least 1s: a switch that will finish can take hundreds of "
                "milliseconds (a card opens, clients follow)",
                {}},
        Refused{{"--card-return-hold", "500ms", "-d", "dummy"},
                "[daemon]\ncard-return-hold = \"500ms\"\n" + dummy,
                "--card-return-hold",
                "daemon.card-return-hold",
                "500ms",
                "expected at least 1s: the lost card is looked for once a second, so a shorter "
                "hold changes nothing",
                {}},
        Refused{{"--ready-fd", "1", "-d", "dummy"},
                "[daemon]\nready-fd = 1\n" + dummy,
                "--ready-fd",
                "daemon.ready-fd",
                "1",
                "expected a file descriptor number from 3",
                {}},
        Refused{{"--log-format", "xml", "-d", "dummy"},
                "[daemon]\nlog-format = \"xml\"\n" + dummy,
                "--log-format",
                "daemon.log-format",
                "xml",
                "expected one of text, json",
                {}},
        Refused{{"-L", "2147483648", "-d", "dummy"},
                "\nloopback = 2147483648\n" + dummy,
                "-L/--loopback-driver",
                "loopback",
                "2147483648",
                "expected a whole number of ports from 0 to 2147483647",
                {}},
        Refused{{"-n", "a/b", "-d", "dummy"},
                "[server]\nname = \"a/b\"\n" + dummy,
                "-n/--name",
                "server.name",
                "a/b",
                "a server name cannot contain '/'",
                [](Server& server) { server.set_name("a/b"); }},
        Refused{{"-P", "100", "-d", "dummy"},
                "[server]\nrealtime-priority = 100\n" + dummy,
                "-P/--realtime-priority",
                "server.realtime-priority",
                "100",
                "expected a whole number from 1 to 99",
                [](Server& server) {
                    server.params().at("realtime-priority").set_value(std::int32_t{100});
                }},
        Refused{{"-d", "dummy", "-r", "0"},
                "[driver]\nrate = 0\nname = \"dummy\"\n",
                "-r/--rate",
                "driver.rate",
                "0",
                "expected a whole number from 1 to 4294967295",
                [](Server& server) { server.get_driver("dummy").set_rate(SampleRate{0}); }},
        Refused{{"-d", "dummy", "-p", "0"},
                "[driver]\nperiod = 0\nname = \"dummy\"\n",
                "-p/--period",
                "driver.period",
                "0",
                "expected a whole number from 1 to 4294967295",
                [](Server& server) { server.get_driver("dummy").set_period(0); }}));

// A Config made by other means than the two readers (a reload's layers, a
// program) goes through the same check, and says where the value came from.
TEST(ValidateConfig, NamesTheOriginOfAValueSetOutsideTheReaders) {
    Server catalog;
    Config config;
    config.driver.name = "dummy";
    config.daemon.stall_timeout = std::chrono::milliseconds(0);
    config.origins["daemon.stall-timeout"] = "rig.toml:9";
    try {
        validate(config, catalog);
        FAIL() << "accepted";
    } catch (const InvalidSetting& e) {
        EXPECT_FALSE(e.from_command_line());
        EXPECT_STREQ(e.what(), "rig.toml:9: invalid value '0s' for daemon.stall-timeout: expected "
                               "at least 100ms and 4 periods: one late sample or period must not "
                               "end a healthy engine");
    }
    config.origins["daemon.stall-timeout"] = "--stall-timeout";
    try {
        validate(config, catalog);
        FAIL() << "accepted";
    } catch (const InvalidSetting& e) {
        EXPECT_TRUE(e.from_command_line());
        EXPECT_THAT(e.what(), StartsWith("invalid value '0s' for --stall-timeout"));
    }
    config.daemon.stall_timeout = std::chrono::milliseconds(100);
    EXPECT_NO_THROW(validate(config, catalog));
    // The floor in periods follows the driver's period, set or default.
    config.driver.params["period"] = Setting{std::uint32_t{8192}, "rig.toml:4"};
    config.origins["daemon.stall-timeout"] = "rig.toml:9";
    try {
        validate(config, catalog);
        FAIL() << "accepted";
    } catch (const InvalidSetting& e) {
        EXPECT_STREQ(e.what(), "rig.toml:9: invalid value '100ms' for daemon.stall-timeout: "
                               "expected at least 4 periods, 683ms at 8192 frames and 48000 Hz: "
                               "one late sample or period must not end a healthy engine");
    }
}

// What the process must hold is checked once, before the daemon starts:
// --ready-fd's descriptor, open for writing. A reload does not look again
// (the descriptor is closed once the server is ready).
TEST(ValidateConfig, CheckAtStartWantsTheReadyDescriptorOpenForWriting) {
    Server catalog;
    Config config;
    config.driver.name = "dummy";
    int ends[2];
    ASSERT_EQ(pipe(ends), 0);
    config.daemon.ready_fd = ends[1];
    config.origins["daemon.ready-fd"] = "rig.toml:3";
    EXPECT_NO_THROW(check_at_start(config));
    close(ends[0]);
    close(ends[1]);
    EXPECT_NO_THROW(validate(config, catalog));
    try {
        check_at_start(config);
        FAIL() << "accepted";
    } catch (const InvalidSetting& e) {
        EXPECT_FALSE(e.from_command_line());
        EXPECT_EQ(std::string(e.what()),
                  fmt::format("rig.toml:3: invalid value '{0}' for daemon.ready-fd: descriptor {0} "
                              "is not open; expected a descriptor open for writing",
                              ends[1]));
    }
}

} // namespace

namespace {

// A card named by a malformed identity: refused on the command line (64) and
// in a file (78, with file:line), naming the value and what is expected;
// a well-formed one passes (whether it matches a card is known at start).
TEST(ValidateDeviceSpec, AMalformedIdentityIsRefusedWhereverItIsGiven) {
    Server catalog;
    auto cli = message_of([&] {
        cli::parse_command_line({"-d", "alsa", "-P", "usb:xyz"}, catalog);
    });
    EXPECT_EQ(cli, "invalid device 'usb:xyz' for -P/--playback: expected "
                   "usb:VENDOR:PRODUCT[:SERIAL] with four hex digits each, e.g. usb:1235:8016");
    auto file = message_of([&] {
        validate(
            parse_config("[driver]\nname = \"alsa\"\ndevice = \"id:\"\n", "studio.toml", catalog),
            catalog);
    });
    EXPECT_THAT(file, StartsWith("studio.toml:3: invalid device 'id:' for driver.device: "));
    auto fallback = message_of([&] {
        cli::parse_command_line({"--fallback", "alsa:path:", "-d", "dummy"}, catalog);
    });
    EXPECT_THAT(fallback, StartsWith("invalid device 'path:' for --fallback: "));
    EXPECT_EQ(message_of([&] {
                  cli::parse_command_line({"-d", "alsa", "-d", "usb:1235:8016:Y8A,0", "-C",
                                           "id:PCH", "-P", "path:pci-0000:00:1f.3"},
                                          catalog);
              }),
              "accepted");
}

} // namespace
