// SPDX-License-Identifier: GPL-2.0-or-later
// What real JACK clients see of a running jack-server.

#include "daemon.hpp"
#include "test_card.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

using test::Daemon;
using testing::HasSubstr;

namespace {

int count_lines_with(const std::string& text, const std::string& part) {
    int count = 0;
    std::size_t at = 0;
    while ((at = text.find(part, at)) != std::string::npos) {
        ++count;
        at += part.size();
    }
    return count;
}

TEST(Serve, ClientsSeeWhatWasAsked) {
    Daemon daemon(test::unique_server_name("asked"), {"-r", "-p", "128", "-d", "dummy", "-r",
                                                      "44100", "-p", "128", "-C", "3", "-P", "5"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    auto ports = daemon.client({"jack_lsp"}).output;
    EXPECT_EQ(count_lines_with(ports, "system:capture_"), 3) << ports;
    EXPECT_EQ(count_lines_with(ports, "system:playback_"), 5) << ports;
    auto rate = daemon.client({"jack_samplerate"});
    EXPECT_EQ(rate.output, "44100\n") << rate.errors << daemon.errors();
    auto period = daemon.client({"jack_bufsize"});
    EXPECT_THAT(period.output, HasSubstr("128")) << period.errors << daemon.errors();
    EXPECT_THAT(daemon.errors(), HasSubstr("started server '" + daemon.name() +
                                           "': driver dummy, rate 44100 Hz, period 128 frames, "
                                           "not realtime"));
}

TEST(Serve, AClientsPortsConnect) {
    Daemon daemon(test::unique_server_name("connect"), {"-r", "-p", "128", "-d", "dummy"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    auto metro = test::unique_client_name("metro");
    auto port = metro + ":120_bpm";
    test::Process metro_client({"jack_metro", "-b", "120", "-n", metro},
                               test::client_environment(daemon.name()));
    ASSERT_TRUE(test::wait_until(
        [&] { return daemon.client({"jack_lsp"}).output.find(port) != std::string::npos; }));
    EXPECT_EQ(daemon.client({"jack_connect", port, "system:playback_1"}).exit.status, 0);
    EXPECT_THAT(daemon.client({"jack_lsp", "-c", port}).output, HasSubstr("system:playback_1"));
}

TEST(Serve, TwoServersWithDifferentNamesRunSideBySide) {
    Daemon first(test::unique_server_name("side-a"),
                 {"-r", "-p", "64", "-d", "dummy", "-r", "44100"});
    Daemon second(test::unique_server_name("side-b"),
                  {"-r", "-p", "64", "-d", "dummy", "-r", "48000"});
    ASSERT_TRUE(first.wait_serving()) << first.errors();
    ASSERT_TRUE(second.wait_serving()) << second.errors();
    EXPECT_EQ(first.client({"jack_samplerate"}).output, "44100\n");
    EXPECT_EQ(second.client({"jack_samplerate"}).output, "48000\n");
}

TEST(Serve, TheSameNameTwiceFailsWith69AndLeavesTheFirstAlone) {
    auto name = test::unique_server_name("same");
    Daemon first(name, {"-r", "-p", "64", "-d", "dummy"});
    ASSERT_TRUE(first.wait_serving()) << first.errors();
    Daemon second(name, {"-r", "-p", "64", "-d", "dummy"});
    auto exit = second.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 69);
    EXPECT_THAT(second.errors(), HasSubstr("cannot open server '" + name + "'"));
    EXPECT_THAT(second.errors(), HasSubstr("server already active"));
    EXPECT_TRUE(first.running());
    EXPECT_TRUE(test::serving(name));
}

TEST(Serve, TheAlsaDriverOnASoundCard) {
    SKIP_WITHOUT_TEST_CARD();
    test::TestCard card("servecard");
    Daemon daemon(
        test::unique_server_name("alsa-card"),
        {"-r", "-p", "64", "-d", "alsa", "-d", "servecard", "-r", "48000", "-p", "256", "-n", "3"},
        {{"HOME", card.home()}, {"JACK_NO_AUDIO_RESERVATION", "1"}});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    EXPECT_EQ(daemon.client({"jack_samplerate"}).output, "48000\n");
    EXPECT_THAT(daemon.client({"jack_bufsize"}).output, HasSubstr("256"));
    EXPECT_THAT(daemon.errors(),
                HasSubstr("driver alsa, device servecard, rate 48000 Hz, period 256 "
                          "frames, nperiods 3"));
    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0);
}

TEST(Serve, AMissingSoundCardFailsWith69AndAlsasReason) {
    Daemon daemon(test::unique_server_name("hw99"), {"-r", "-d", "alsa", "-d", "hw:99"});
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 69);
    EXPECT_THAT(daemon.errors(), HasSubstr("cannot open server"));
    EXPECT_THAT(daemon.errors(), HasSubstr("hw:99"));
}

TEST(Serve, LoopbackPortsAndInternalClients) {
    Daemon daemon(test::unique_server_name("parts"),
                  {"-r", "-p", "64", "-L", "2", "-I", "profiler", "-d", "dummy"});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    EXPECT_THAT(daemon.client({"jack_lsp"}).output, HasSubstr("loopback:capture_2"));
    EXPECT_EQ(daemon.client({JACK_TEST_CLIENT, "has", "profiler"}).exit.status, 0);
    EXPECT_EQ(daemon.client({JACK_TEST_CLIENT, "has", "netmanager"}).exit.status, 1);
}

} // namespace
