// SPDX-License-Identifier: GPL-2.0-or-later
// The event loop the jack-server binary runs on, chosen when it is configured
// (JACK_SERVER_EVENT_LOOP: linux or posix).
//
// This file defines make_event_loop and nothing else, on purpose: a binary
// that compiles its own copy of it with another choice (the test build's
// jack-server-posix) links that copy first, and the linker then never takes
// this one from the daemon library. Were anything else defined here, the
// two copies would clash at link time instead.

#include "os/event_loop.hpp"

namespace jack_server::detail {

std::unique_ptr<EventLoop> make_event_loop(std::initializer_list<int> signals) {
#if JACK_SERVER_EVENT_LOOP_POSIX
    return make_posix_event_loop(signals);
#else
    return make_linux_event_loop(signals);
#endif
}

} // namespace jack_server::detail
