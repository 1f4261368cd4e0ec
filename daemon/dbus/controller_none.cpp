// SPDX-License-Identifier: GPL-2.0-or-later
// A build without libsystemd has no D-Bus: --dbus is refused at start.
#include "dbus/controller.hpp"
#include "errors.hpp"

namespace jack_server::detail {

int run_controller(Server&, const Config&, const ProcessParts&) {
    throw BusUnavailable("--dbus: this jack-server was built without libsystemd, so without D-Bus",
                         "build it with libsystemd (JACK_SERVER_WITH_SYSTEMD=ON)");
}

} // namespace jack_server::detail
