// SPDX-License-Identifier: GPL-2.0-or-later
// A moment of a loaded machine, on purpose: preloaded into jack-server
// (LD_PRELOAD), this makes the daemon's opening of its own monitor client
// (jack_client_open "jack-server-monitor") wait JSTEST_MONITOR_DELAY_MS
// milliseconds (500) first. A client that connects as soon as the server
// runs, as one that autostarted it does, then comes before the monitor: what
// a descheduled daemon meets by chance, met every time. Everything else is
// JACK's own jack_client_open, given the same arguments.

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <jack/jack.h>
#include <stdarg.h>
#include <thread>

namespace {

using Open = jack_client_t* (*)(const char*, jack_options_t, jack_status_t*, ...);

// JACK reads its optional arguments in this order, each when its option is set.
constexpr jack_options_t optional_arguments[] = {JackServerName, JackLoadName, JackLoadInit,
                                                 JackSessionID};

void wait_if_monitor(const char* name) {
    if (name == nullptr || std::strcmp(name, "jack-server-monitor") != 0)
        return;
    const char* given = std::getenv("JSTEST_MONITOR_DELAY_MS");
    std::this_thread::sleep_for(std::chrono::milliseconds(given ? std::atol(given) : 500));
}

} // namespace

extern "C" jack_client_t* jack_client_open(const char* name, jack_options_t options,
                                           jack_status_t* status, ...) {
    static auto real = reinterpret_cast<Open>(dlsym(RTLD_NEXT, "jack_client_open"));
    const char* args[4] = {};
    int count = 0;
    va_list list;
    va_start(list, status);
    for (auto option : optional_arguments)
        if (options & option)
            args[count++] = va_arg(list, const char*);
    va_end(list);
    wait_if_monitor(name);
    // A variadic callee reads only as many as the options say.
    return real(name, options, status, args[0], args[1], args[2], args[3]);
}
