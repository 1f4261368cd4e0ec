// SPDX-License-Identifier: GPL-2.0-or-later
// Device reservation, as a desktop user meets it: PulseAudio or PipeWire
// holds the card (org.freedesktop.ReserveDevice1.Audio0 on the session bus),
// and the server asks for it before opening it, as Debian's jackd does.
// Real parts: a private dbus-daemon, the test card (card 0 to JACK's alsa
// driver), and a holder speaking the reservation protocol with sd-bus.

#include "binaries.hpp"
#include "daemon.hpp"
#include "session_bus.hpp"
#include "shm.hpp"
#include "test_card.hpp"

#include <algorithm>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

using test::Daemon;
using testing::HasSubstr;
using testing::Not;

namespace {

const std::string audio0 = "org.freedesktop.ReserveDevice1.Audio0";
const std::string audio0_object = "/org/freedesktop/ReserveDevice1/Audio0";
const std::string reservation_interface = "org.freedesktop.ReserveDevice1";

// A desktop: its own session bus, and a sound card someone may hold.
struct Desktop {
    test::SessionBus bus;
    test::TestCard card{"desktopcard"};

    std::map<std::string, std::string> environment() const {
        return {{"HOME", card.home()}, {"DBUS_SESSION_BUS_ADDRESS", bus.address()}};
    }
    // Holds Audio0 as `application` with priority 0, releasing on request or not.
    std::unique_ptr<test::Process> holder(const std::string& application,
                                          const std::string& mode) const {
        auto holding = std::make_unique<test::Process>(
            std::vector<std::string>{JACK_RESERVATION_HOLDER, "Audio0", application, "0", mode},
            environment());
        if (!test::wait_until(
                [&] { return holding->output().find("holding") != std::string::npos; }))
            return nullptr;
        return holding;
    }
    std::string holder_of_audio0() const {
        return bus.property(audio0, audio0_object, reservation_interface, "ApplicationName");
    }
};

std::vector<std::string> jackd_line(const std::string& name) {
    return {"jackd", "-n", name, "-r", "-d", "alsa", "-d", "desktopcard", "-p", "256"};
}

std::vector<std::string> jack_server_line(const std::string& name) {
    return {test::jack_server_binary(),
            "-n",
            name,
            "-r",
            "-d",
            "alsa",
            "-d",
            "desktopcard",
            "-p",
            "256"};
}

std::map<std::string, std::string> with(std::map<std::string, std::string> environment,
                                        const std::string& name) {
    environment.merge(test::client_environment(name));
    return environment;
}

// The reference: jackd asks PulseAudio for the card with the highest
// priority, takes the name, and refuses to give it back while running.
void expect_takes_the_card_over(const std::vector<std::string>& server_line,
                                const std::string& name, const std::string& our_name) {
    Desktop desktop;
    auto pulseaudio = desktop.holder("PulseAudio", "release");
    ASSERT_TRUE(pulseaudio) << "the holder did not take Audio0";
    test::Process server(server_line, with(desktop.environment(), name));
    ASSERT_TRUE(test::wait_until([&] { return test::serving(name) || !server.running(); }) &&
                server.running())
        << server.output() << server.errors();

    EXPECT_THAT(pulseaudio->output(), HasSubstr("RequestRelease 2147483647\n"));
    EXPECT_TRUE(test::wait_until(
        [&] { return pulseaudio->output().find("lost Audio0") != std::string::npos; }));
    EXPECT_EQ(desktop.holder_of_audio0(), "s \"" + our_name + "\"\n");
    EXPECT_EQ(desktop.bus.call(
                  {audio0, audio0_object, reservation_interface, "RequestRelease", "i", "5"}),
              "b false\n");

    server.signal(SIGTERM);
    ASSERT_TRUE(server.wait());
    EXPECT_FALSE(desktop.bus.has_owner(audio0)) << "the card was not released on stop";
}

TEST(DeviceReservation, JackdTakesTheCardFromItsHolder) {
    auto name = test::unique_server_name("reserve-jackd");
    expect_takes_the_card_over(jackd_line(name), name, "Jack audio server");
}

TEST(DeviceReservation, TakesTheCardFromItsHolderAsJackdDoes) {
    auto name = test::unique_server_name("reserve");
    expect_takes_the_card_over(jack_server_line(name), name, "jack-server");
}

// jackd exits 255 with "Audio device desktopcard cannot be acquired..."; we
// say who holds it, exit 69 and leave nothing behind.
TEST(DeviceReservation, AHolderThatRefusesEnds69NamingIt) {
    Desktop desktop;
    auto pulseaudio = desktop.holder("PulseAudio", "refuse");
    ASSERT_TRUE(pulseaudio) << "the holder did not take Audio0";
    auto name = test::unique_server_name("reserve-refused");
    test::Process server(jack_server_line(name), with(desktop.environment(), name));
    auto exit = server.wait();
    ASSERT_TRUE(exit) << "still running";
    EXPECT_EQ(exit->status, 69) << server.errors();
    EXPECT_THAT(server.errors(), HasSubstr("cannot open server '" + name +
                                           "': the card Audio0 is held by 'PulseAudio', which "
                                           "refused to release it"));
    EXPECT_THAT(server.errors(), HasSubstr("refused to release it; free it for JACK with "
                                           "'pasuspender -- jack-server ...'"));
    EXPECT_THAT(server.errors(), HasSubstr("--wait-device"));
    EXPECT_THAT(pulseaudio->output(), HasSubstr("RequestRelease 2147483647\n"));
    EXPECT_EQ(desktop.holder_of_audio0(), "s \"PulseAudio\"\n");
    EXPECT_EQ(test::describe(test::jack_files_of(name)), "");

    auto jackd_name = test::unique_server_name("reserve-refused-jackd");
    test::Process jackd(jackd_line(jackd_name), with(desktop.environment(), jackd_name));
    auto jackd_exit = jackd.wait();
    ASSERT_TRUE(jackd_exit);
    EXPECT_NE(jackd_exit->status, 0);
    // Strictly more (the holder, the fix) in fewer lines.
    auto all = jackd.output() + jackd.errors();
    EXPECT_THAT(all, Not(HasSubstr("PulseAudio")));
    EXPECT_THAT(all, Not(HasSubstr("pasuspender")));
    auto ours = server.output() + server.errors();
    EXPECT_LT(std::count(ours.begin(), ours.end(), '\n'), std::count(all.begin(), all.end(), '\n'))
        << ours << "\n--- jackd:\n"
        << all;
}

// A holder that agrees to release the card but does not allow its name to
// be replaced, and lets go of it itself a second later: jack-server waits
// for the name to be free (up to the reservation's 5 s), takes the card and
// serves. jackd fails there (its request to replace the name is refused).
TEST(DeviceReservation, AHolderThatLetsGoAMomentLaterIsWaitedFor) {
    Desktop desktop;
    auto slow = desktop.holder("SlowAudio", "slow");
    ASSERT_TRUE(slow) << "the holder did not take Audio0";
    auto name = test::unique_server_name("reserve-slow");
    test::Process server(jack_server_line(name), with(desktop.environment(), name));
    ASSERT_TRUE(test::wait_until([&] { return test::serving(name) || !server.running(); }) &&
                server.running())
        << server.errors();
    EXPECT_THAT(slow->output(), HasSubstr("RequestRelease 2147483647\nreleased Audio0\n"));
    EXPECT_EQ(desktop.holder_of_audio0(), "s \"jack-server\"\n");
    EXPECT_THAT(server.errors(), HasSubstr("device reservation: 'SlowAudio' let go of Audio0 a "
                                           "moment after it agreed to"));
    server.signal(SIGTERM);
    auto exit = server.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << server.errors();
    EXPECT_FALSE(desktop.bus.has_owner(audio0)) << "the card was not released on stop";
}

TEST(DeviceReservation, JackdFailsWithAHolderThatLetsGoAMomentLater) {
    Desktop desktop;
    auto slow = desktop.holder("SlowAudio", "slow");
    ASSERT_TRUE(slow) << "the holder did not take Audio0";
    auto name = test::unique_server_name("reserve-slow-jackd");
    test::Process jackd(jackd_line(name), with(desktop.environment(), name));
    auto exit = jackd.wait();
    ASSERT_TRUE(exit) << "jackd still running";
    EXPECT_NE(exit->status, 0) << jackd.errors();
    EXPECT_FALSE(test::serving(name));
}

// The card pulled out under --fallback: the reservation of a card that is
// gone is let go (JACK cannot name an unplugged card to release it), so a
// desktop's sound server may take the card when it comes back; jack-server
// takes it again when it returns to the card.
TEST(DeviceReservation, ALostCardIsReleasedAndTakenAgainOnReturn) {
    Desktop desktop;
    auto name = test::unique_server_name("reserve-loss");
    auto line = jack_server_line(name);
    line.insert(line.begin() + 1, {"--fallback", "dummy", "--stall-timeout", "60s"});
    test::Process server(line, with(desktop.environment(), name));
    ASSERT_TRUE(test::wait_until([&] { return test::serving(name) || !server.running(); }) &&
                server.running())
        << server.errors();
    ASSERT_EQ(desktop.holder_of_audio0(), "s \"jack-server\"\n");

    desktop.card.unplug();
    ASSERT_TRUE(test::wait_until([&] {
        return server.errors().find("on fallback: server") != std::string::npos;
    })) << server.errors();
    EXPECT_FALSE(desktop.bus.has_owner(audio0)) << "the lost card is still reserved";

    desktop.card.plug();
    ASSERT_TRUE(test::wait_until([&] {
        return server.errors().find("back on the card: server") != std::string::npos;
    })) << server.errors();
    EXPECT_EQ(desktop.holder_of_audio0(), "s \"jack-server\"\n");
    server.signal(SIGTERM);
    auto exit = server.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << server.errors();
    EXPECT_FALSE(desktop.bus.has_owner(audio0)) << "the card was not released on stop";
}

// An extra card (--card) is reserved like the master: taken from its holder
// when it is attached, let go when it is pulled out, taken again when it
// comes back, released at the stop.
TEST(DeviceReservation, AnExtraCardIsReservedWhileAttached) {
    const std::string audio1 = "org.freedesktop.ReserveDevice1.Audio1";
    Desktop desktop;
    test::TestCard mic("deskmic", 1, desktop.card);
    auto pulseaudio = std::make_unique<test::Process>(
        std::vector<std::string>{JACK_RESERVATION_HOLDER, "Audio1", "PulseAudio", "0", "release"},
        desktop.environment());
    ASSERT_TRUE(test::wait_until(
        [&] { return pulseaudio->output().find("holding") != std::string::npos; }));
    auto name = test::unique_server_name("reserve-extra");
    auto client = test::unique_client_name("deskmic");
    test::Process server({test::jack_server_binary(), "-n", name, "-r", "--card",
                          client + "=deskmic", "-d", "dummy", "-p", "256"},
                         with(desktop.environment(), name));
    auto holder_of_audio1 = [&] {
        return desktop.bus.property(audio1, "/org/freedesktop/ReserveDevice1/Audio1",
                                    reservation_interface, "ApplicationName");
    };
    ASSERT_TRUE(test::wait_until([&] { return holder_of_audio1() == "s \"jack-server\"\n"; }))
        << server.errors();
    EXPECT_THAT(pulseaudio->output(), HasSubstr("RequestRelease 2147483647\nlost Audio1\n"));

    mic.unplug();
    EXPECT_TRUE(test::wait_until([&] { return !desktop.bus.has_owner(audio1); }))
        << "the pulled-out card is still reserved: " << server.errors();
    mic.plug();
    EXPECT_TRUE(test::wait_until([&] { return holder_of_audio1() == "s \"jack-server\"\n"; }))
        << server.errors();
    server.signal(SIGTERM);
    auto exit = server.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << server.errors();
    EXPECT_FALSE(desktop.bus.has_owner(audio1)) << "the card was not released on stop";
}

TEST(DeviceReservation, TurnedOffItNeverAsks) {
    for (const auto& way : {"option", "environment"}) {
        SCOPED_TRACE(way);
        Desktop desktop;
        auto pulseaudio = desktop.holder("PulseAudio", "refuse");
        ASSERT_TRUE(pulseaudio);
        auto name = test::unique_server_name(std::string("reserve-off-") + way);
        auto line = jack_server_line(name);
        auto environment = with(desktop.environment(), name);
        if (way == std::string("option"))
            line.insert(line.begin() + 1, "--no-audio-reservation");
        else
            environment["JACK_NO_AUDIO_RESERVATION"] = "1";
        test::Process server(line, environment);
        EXPECT_TRUE(test::wait_until([&] { return test::serving(name) || !server.running(); }) &&
                    server.running())
            << server.errors();
        EXPECT_THAT(pulseaudio->output(), testing::Not(HasSubstr("RequestRelease")));
        EXPECT_EQ(desktop.holder_of_audio0(), "s \"PulseAudio\"\n");
    }
}

// A headless rig or a system unit has no session bus: one line, and it serves.
TEST(DeviceReservation, WithoutASessionBusItSaysSoOnceAndServes) {
    test::TestCard card("headlesscard");
    auto name = test::unique_server_name("reserve-headless");
    Daemon daemon(name, {"-r", "-d", "alsa", "-d", "headlesscard", "-p", "256"},
                  {{"HOME", card.home()},
                   {"DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/jack-server-test/bus"}});
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    auto errors = daemon.errors();
    auto said = errors.find("device reservation: no D-Bus session bus");
    EXPECT_NE(said, std::string::npos) << errors;
    EXPECT_EQ(errors.find("device reservation: no D-Bus session bus", said + 1), std::string::npos);
}

} // namespace
