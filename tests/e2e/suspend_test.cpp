// SPDX-License-Identifier: GPL-2.0-or-later
// Suspend and resume, as a laptop's user meets them: logind says
// PrepareForSleep(true) on the system bus and waits for the delay inhibitors
// to close; after the resume it says PrepareForSleep(false). Real parts: a
// system bus of the test's own (dbus-daemon, nothing activated), a logind
// played by fake_logind with the real interface, the test card as the master,
// and a JACK client that must not notice.

#include "binaries.hpp"
#include "daemon.hpp"
#include "session_bus.hpp"
#include "shm.hpp"
#include "sleeping_machine.hpp"
#include "system_bus.hpp"
#include "test_card.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

using test::Daemon;
using testing::HasSubstr;
using testing::Not;

namespace {

using namespace std::chrono_literals;

using Machine = test::SleepingMachine;

// The rest of the first line the daemon logged with text in it.
std::string logged_line(const Daemon& daemon, const std::string& text) {
    auto errors = daemon.errors();
    auto at = errors.find(text);
    if (at == std::string::npos)
        return {};
    return errors.substr(at, errors.find('\n', at) - at);
}

std::unique_ptr<Daemon> on_card(const Machine& machine, const test::TestCard& card,
                                const std::string& name, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"-r", "--stall-timeout", "60s", "--log-level", "debug"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), {"-d", "alsa", "-d", card.name(), "-p", "256"});
    auto environment = machine.environment();
    environment.insert({{"HOME", card.home()}, {"JACK_NO_AUDIO_RESERVATION", "1"}});
    return std::make_unique<Daemon>(name, args, environment);
}

// The whole of it: the inhibitor at start; before the sleep the master moves
// to dummy, then the inhibitor closes; the card may vanish while asleep;
// after the resume the master is on the card again and a new inhibitor is
// held. The client cycles throughout and never sees the server go.
TEST(Suspend, MovesOffTheCardBeforeSleepAndBackAfterTheResume) {
    SKIP_WITHOUT_SLEEPING_MACHINE();
    SKIP_WITHOUT_TEST_CARD();
    Machine machine;
    test::TestCard card("sleepcard");
    auto daemon = on_card(machine, card, test::unique_server_name("suspend"));
    ASSERT_TRUE(daemon->wait_serving()) << daemon->errors();
    EXPECT_TRUE(machine.says("inhibit 1 sleep jack-server delay")) << machine.logind->output();
    test::Process watch({JACK_TEST_CLIENT, "watch", "5000"},
                        test::client_environment(daemon->name()));
    ASSERT_TRUE(test::wait_until([&] {
        return watch.output().find("cycling 0") != std::string::npos;
    })) << watch.output();

    machine.sleep();
    ASSERT_TRUE(machine.says("closed 1")) << machine.logind->output() << daemon->errors();
    // The inhibitor closed once the master was off the card.
    EXPECT_THAT(daemon->errors(), HasSubstr("suspend: switching to dummy until the resume"));
    ASSERT_TRUE(daemon->wait_logged("suspend: ready to sleep, on ")) << daemon->errors();
    EXPECT_THAT(logged_line(*daemon, "suspend: ready to sleep, on "), HasSubstr("driver dummy,"));
    EXPECT_TRUE(test::wait_until([&] {
        return watch.output().find("cycling 1") != std::string::npos;
    })) << watch.output();
    // Asleep, the card is gone; the engine runs on dummy regardless.
    card.unplug();
    EXPECT_TRUE(test::cycles(daemon->name())) << "the engine does not cycle while asleep";
    EXPECT_FALSE(machine.said("inhibit 2")) << "an inhibitor was taken before the resume";

    card.plug();
    machine.wake();
    EXPECT_TRUE(machine.says("inhibit 2 sleep jack-server delay")) << machine.logind->output();
    ASSERT_TRUE(daemon->wait_logged("back on the card after the resume")) << daemon->errors();
    EXPECT_THAT(logged_line(*daemon, "back on the card after the resume"),
                HasSubstr("driver alsa, device sleepcard,"));
    EXPECT_TRUE(test::wait_until([&] {
        return watch.output().find("cycling 2") != std::string::npos;
    })) << watch.output();
    EXPECT_TRUE(test::cycles(daemon->name())) << "the engine does not cycle after the resume";
    EXPECT_TRUE(watch.running());
    EXPECT_THAT(watch.output(), Not(HasSubstr("shutdown")));

    watch.signal(SIGTERM);
    auto watched = watch.wait();
    ASSERT_TRUE(watched);
    EXPECT_EQ(watched->status, 0) << watch.output();
    daemon->signal(SIGTERM);
    auto exit = daemon->wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << daemon->errors();
    EXPECT_TRUE(machine.says("closed 2")) << "the inhibitor outlived the server";
    EXPECT_EQ(test::describe(test::jack_files_of(daemon->name())), "");
}

// With --fallback, that driver is what the master runs while asleep.
TEST(Suspend, SleepsOnTheFallbackWhenOneIsSet) {
    SKIP_WITHOUT_SLEEPING_MACHINE();
    SKIP_WITHOUT_TEST_CARD();
    Machine machine;
    test::TestCard card("sleepcard2");
    test::TestCard spare("sparecard", 1, card);
    auto daemon = on_card(machine, card, test::unique_server_name("suspend-fallback"),
                          {"--fallback", "alsa:sparecard"});
    ASSERT_TRUE(daemon->wait_serving()) << daemon->errors();
    ASSERT_TRUE(machine.says("inhibit 1 sleep jack-server delay")) << machine.logind->output();
    machine.sleep();
    ASSERT_TRUE(machine.says("closed 1")) << machine.logind->output() << daemon->errors();
    EXPECT_THAT(daemon->errors(), HasSubstr("suspend: switching to alsa:sparecard"));
    ASSERT_TRUE(daemon->wait_logged("suspend: ready to sleep, on ")) << daemon->errors();
    EXPECT_THAT(logged_line(*daemon, "suspend: ready to sleep, on "),
                HasSubstr("driver alsa, device sparecard,"));
    machine.wake();
    ASSERT_TRUE(daemon->wait_logged("back on the card after the resume")) << daemon->errors();
    EXPECT_TRUE(machine.says("inhibit 2 sleep jack-server delay"));
    daemon->signal(SIGTERM);
    auto exit = daemon->wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << daemon->errors();
}

bool has_port(const Daemon& daemon, const std::string& port) {
    return daemon.client({"jack_lsp"}).output.find(port + "\n") != std::string::npos;
}

// On a desktop: the master and an extra card are reserved on the session
// bus. Before the sleep both are let go and the extra card's bridges end;
// after the resume both are taken again and the bridges come back.
TEST(Suspend, ExtraCardsAndReservationsAreLetGoAndTakenAgain) {
    SKIP_WITHOUT_SLEEPING_MACHINE();
    SKIP_WITHOUT_TEST_CARD();
    Machine machine;
    test::SessionBus desktop;
    test::TestCard card("sleepmaster", 0);
    test::TestCard mic_card("sleepmic", 1, card);
    auto mic = test::unique_client_name("sleepmic");
    auto environment = machine.environment();
    environment.insert({{"HOME", card.home()}, {"DBUS_SESSION_BUS_ADDRESS", desktop.address()}});
    Daemon daemon(test::unique_server_name("suspend-cards"),
                  {"-r", "--stall-timeout", "60s", "--card", mic + "=sleepmic", "-d", "alsa", "-d",
                   "sleepmaster", "-p", "256"},
                  environment);
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    const std::string audio0 = "org.freedesktop.ReserveDevice1.Audio0";
    const std::string audio1 = "org.freedesktop.ReserveDevice1.Audio1";
    ASSERT_TRUE(test::wait_until([&] { return has_port(daemon, mic + ":capture_1"); }))
        << daemon.errors();
    EXPECT_TRUE(desktop.has_owner(audio0));
    EXPECT_TRUE(test::wait_until([&] { return desktop.has_owner(audio1); }));
    ASSERT_TRUE(machine.says("inhibit 1 sleep jack-server delay")) << machine.logind->output();

    machine.sleep();
    ASSERT_TRUE(machine.says("closed 1")) << machine.logind->output() << daemon.errors();
    // All of it done before the inhibitor closed.
    EXPECT_FALSE(desktop.has_owner(audio0)) << "the master card is still reserved";
    EXPECT_FALSE(desktop.has_owner(audio1)) << "the extra card is still reserved";
    EXPECT_FALSE(has_port(daemon, mic + ":capture_1")) << "the extra card's bridge still runs";
    daemon.signal(SIGUSR1);
    EXPECT_TRUE(daemon.wait_logged("s: the machine is going to sleep)")) << daemon.errors();
    EXPECT_FALSE(has_port(daemon, mic + ":capture_1")) << "an extra card came back asleep";

    machine.wake();
    ASSERT_TRUE(daemon.wait_logged("back on the card after the resume")) << daemon.errors();
    EXPECT_TRUE(test::wait_until([&] { return has_port(daemon, mic + ":capture_1"); }))
        << daemon.errors();
    EXPECT_TRUE(desktop.has_owner(audio0)) << "the master card is not reserved again";
    EXPECT_TRUE(test::wait_until([&] { return desktop.has_owner(audio1); }))
        << "the extra card is not reserved again";
    EXPECT_TRUE(machine.says("inhibit 2 sleep jack-server delay"));
    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << daemon.errors();
    EXPECT_FALSE(desktop.has_owner(audio0));
    EXPECT_FALSE(desktop.has_owner(audio1));
}

// A card already lost (--fallback) when the machine sleeps: the master stays
// on the fallback, and the card keeper returns to the card once it is back.
TEST(Suspend, ACardLostBeforeTheSleepIsReturnedToByTheCardKeeper) {
    SKIP_WITHOUT_SLEEPING_MACHINE();
    SKIP_WITHOUT_TEST_CARD();
    Machine machine;
    test::TestCard card("sleeplost");
    auto daemon = on_card(machine, card, test::unique_server_name("suspend-lost"),
                          {"--fallback", "dummy", "--card-return-hold", "1s"});
    ASSERT_TRUE(daemon->wait_serving()) << daemon->errors();
    ASSERT_TRUE(machine.says("inhibit 1 sleep jack-server delay")) << machine.logind->output();
    card.unplug();
    ASSERT_TRUE(daemon->wait_logged("on fallback: server")) << daemon->errors();

    machine.sleep();
    ASSERT_TRUE(machine.says("closed 1")) << machine.logind->output() << daemon->errors();
    ASSERT_TRUE(daemon->wait_logged("suspend: ready to sleep, on ")) << daemon->errors();
    EXPECT_THAT(daemon->errors(), Not(HasSubstr("suspend: switching")));
    machine.wake();
    EXPECT_TRUE(machine.says("inhibit 2 sleep jack-server delay")) << machine.logind->output();
    card.plug();
    ASSERT_TRUE(daemon->wait_logged("back on the card: ")) << daemon->errors();
    EXPECT_THAT(daemon->errors(), Not(HasSubstr("back on the card after the resume")));
    EXPECT_TRUE(test::cycles(daemon->name()));
    daemon->signal(SIGTERM);
    auto exit = daemon->wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << daemon->errors();
}

// A master on dummy has no card to leave: the inhibitor just closes.
TEST(Suspend, ADummyMasterStaysWhereItIs) {
    SKIP_WITHOUT_SLEEPING_MACHINE();
    Machine machine;
    Daemon daemon(test::unique_server_name("suspend-dummy"), {"-d", "dummy", "-p", "256"},
                  machine.environment());
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    ASSERT_TRUE(machine.says("inhibit 1 sleep jack-server delay")) << machine.logind->output();
    machine.sleep();
    ASSERT_TRUE(machine.says("closed 1")) << machine.logind->output() << daemon.errors();
    ASSERT_TRUE(daemon.wait_logged("suspend: ready to sleep, on ")) << daemon.errors();
    EXPECT_THAT(daemon.errors(), Not(HasSubstr("suspend: switching")));
    EXPECT_TRUE(test::cycles(daemon.name()));
    machine.wake();
    EXPECT_TRUE(machine.says("inhibit 2 sleep jack-server delay")) << machine.logind->output();
    EXPECT_TRUE(test::cycles(daemon.name()));
    daemon.signal(SIGTERM);
    auto exit = daemon.wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->status, 0) << daemon.errors();
    EXPECT_THAT(daemon.errors(), Not(HasSubstr("back on the card")));
}

TEST(Suspend, TurnedOffItTakesNoInhibitor) {
    SKIP_WITHOUT_SLEEPING_MACHINE();
    Machine machine;
    auto environment = machine.environment();
    Daemon daemon(test::unique_server_name("suspend-off"),
                  {"--no-suspend-watch", "--log-level", "debug", "-d", "dummy"}, environment);
    ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
    EXPECT_THAT(daemon.errors(), HasSubstr("suspend watch: turned off"));
    EXPECT_FALSE(machine.said("inhibit 1")) << machine.logind->output();
}

TEST(Suspend, WithoutLogindOrASystemBusItSaysSoOnceAndServes) {
    SKIP_WITHOUT_SLEEPING_MACHINE();
    test::SystemBus bus;
    for (const auto& [address, said] :
         {std::pair<std::string, std::string>{bus.address(),
                                              "suspend watch: no logind on the system bus"},
          {"unix:path=/nonexistent/jack-server-test/system",
           "suspend watch: no D-Bus system bus"}}) {
        Daemon daemon(test::unique_server_name("suspend-none"),
                      {"--log-level", "debug", "-d", "dummy"},
                      {{"DBUS_SYSTEM_BUS_ADDRESS", address}});
        ASSERT_TRUE(daemon.wait_serving()) << daemon.errors();
        auto errors = daemon.errors();
        auto at = errors.find(said);
        EXPECT_NE(at, std::string::npos) << errors;
        EXPECT_EQ(errors.find(said, at + 1), std::string::npos) << errors;
    }
}

} // namespace
