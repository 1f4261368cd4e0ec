// SPDX-License-Identifier: GPL-2.0-or-later
// Who holds a card's reservation, as --list cards and --doctor ask the session
// bus: a private dbus-daemon and a holder speaking ReserveDevice1 (the one the
// device reservation tests use).

#include "cards/bus_names.hpp"
#include "session_bus.hpp"
#include "wait.hpp"

#include <cstdlib>
#include <gtest/gtest.h>

namespace {

#ifdef JACK_RESERVATION_HOLDER

TEST(BusNames, TheReservationsOwnerAndItsApplicationName) {
    test::SessionBus bus;
    ::setenv("DBUS_SESSION_BUS_ADDRESS", bus.address().c_str(), 1);
    test::Process holder({JACK_RESERVATION_HOLDER, "Audio3", "PipeWire", "0", "refuse"},
                         {{"DBUS_SESSION_BUS_ADDRESS", bus.address()}});
    ASSERT_TRUE(test::wait_until([&] {
        return holder.output().find("holding") != std::string::npos;
    })) << holder.errors();
    jack_server::detail::BusNames names;
    ASSERT_TRUE(names.connected());
    auto owner = names.card_reservation(3);
    ASSERT_TRUE(owner);
    EXPECT_EQ(owner->application, "PipeWire");
    EXPECT_EQ(owner->pid, holder.pid());
    EXPECT_FALSE(names.card_reservation(4)); // nobody holds Audio4
    EXPECT_FALSE(names.owner("org.pulseaudio.Server"));
    ::unsetenv("DBUS_SESSION_BUS_ADDRESS");
}

#endif

TEST(BusNames, WithoutASessionBusEveryAnswerIsNone) {
    ::setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", 1);
    jack_server::detail::BusNames names;
    EXPECT_FALSE(names.connected());
    EXPECT_FALSE(names.card_reservation(0));
    ::unsetenv("DBUS_SESSION_BUS_ADDRESS");
}

} // namespace
