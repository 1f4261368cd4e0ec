// SPDX-License-Identifier: GPL-2.0-or-later
// The floor of the benchmark: the least a program can do to run a JACK server
// with libjackserver. Creates a server, selects the dummy driver with the
// given rate and period, opens and starts it, prints on stderr how long each
// of create, open and start took ("started: create 16.2 ms, open 131.0 ms,
// start 2.1 ms"), then waits for SIGTERM or SIGINT and stops. No command line
// parsing, no logs.
//   bench_floor NAME RATE PERIOD PORT_MAX

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <jack/control.h>

namespace {

jackctl_parameter_t* find(const JSList* list, const char* name) {
    for (; list != nullptr; list = list->next) {
        auto* parameter = static_cast<jackctl_parameter_t*>(list->data);
        if (std::strcmp(jackctl_parameter_get_name(parameter), name) == 0)
            return parameter;
    }
    return nullptr;
}

void set_uint(const JSList* list, const char* name, unsigned value) {
    jackctl_parameter_value v{};
    v.ui = value;
    jackctl_parameter_set_value(find(list, name), &v);
}

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: bench_floor NAME RATE PERIOD PORT_MAX\n");
        return 2;
    }
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto started = Clock::now();
    auto* server = jackctl_server_create2(nullptr, nullptr, nullptr);
    const JSList* params = jackctl_server_get_parameters(server);
    jackctl_parameter_value v{};
    std::strncpy(v.str, argv[1], sizeof v.str - 1);
    jackctl_parameter_set_value(find(params, "name"), &v);
    jackctl_parameter_value off{};
    off.b = false;
    jackctl_parameter_set_value(find(params, "realtime"), &off);
    set_uint(params, "port-max", static_cast<unsigned>(std::atoi(argv[4])));

    jackctl_driver_t* dummy = nullptr;
    for (const JSList* d = jackctl_server_get_drivers_list(server); d != nullptr; d = d->next)
        if (std::strcmp(jackctl_driver_get_name(static_cast<jackctl_driver_t*>(d->data)),
                        "dummy") == 0)
            dummy = static_cast<jackctl_driver_t*>(d->data);
    if (dummy == nullptr)
        return 1;
    const JSList* driver_params = jackctl_driver_get_parameters(dummy);
    set_uint(driver_params, "rate", static_cast<unsigned>(std::atoi(argv[2])));
    set_uint(driver_params, "period", static_cast<unsigned>(std::atoi(argv[3])));
    double create = ms_since(started);
    started = Clock::now();
    if (!jackctl_server_open(server, dummy))
        return 1;
    double open = ms_since(started);
    started = Clock::now();
    if (!jackctl_server_start(server))
        return 1;
    std::fprintf(stderr, "started: create %.1f ms, open %.1f ms, start %.1f ms\n", create, open,
                 ms_since(started));
    int received = 0;
    sigwait(&signals, &received);
    jackctl_server_stop(server);
    jackctl_server_close(server);
    jackctl_server_destroy(server);
    return 0;
}
