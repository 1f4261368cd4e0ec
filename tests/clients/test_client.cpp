// SPDX-License-Identifier: GPL-2.0-or-later
// A JACK client for the fault and load tests. It links libjack only (never
// libjackserver: both export jack_client_open). Modes:
//   test_client cycles N         waits until its process callback ran N times; exit 0,
//                                or 1 when that took longer than 10 s
//   test_client block N          after N process calls, blocks in the callback forever;
//                                prints "blocked" once it does
//   test_client late TIMES       opens "late-PID" and makes TIMES cycles late: every 25th
//                                process call sleeps three periods, then prints "late K";
//                                after that it keeps up, until SIGTERM or SIGINT (exit 0)
//   test_client churn ROUNDS     ROUNDS times: open, register two ports, activate,
//                                connect them to each other, close; exit 0 when all went well
//   test_client has NAME         exit 0 when the server has a client named NAME (an
//                                internal client too, ports or not), 1 when it has none
//   test_client wait MS          tries to open a client every millisecond until it succeeds
//                                (exit 0) or MS milliseconds passed (exit 1): the benchmark's
//                                "first client connected"
//   test_client port NAME        opens "port-PID", prints "open", then looks for port NAME
//                                every 10 ms in the graph it shares with the server: prints
//                                "found" and exits 0 once it is there, 1 when it was not
//                                after 30 s. One client
//                                for the whole wait, where a jack_lsp a poll would open a
//                                client each time (see the netjack2 test)
//   test_client hears PORT       connects PORT (an output) to an input of its own; exit 0 once
//                                a sample louder than -40 dBFS arrives, 1 when none did in 10 s
//   test_client connected MS     opens "patched-PID", registers an output port "out",
//                                activates, and prints how many milliseconds after
//                                jack_activate returned the port had a connection
//                                (the daemon's [[connect]]); exit 1 after MS without one
//   test_client watch MS         opens "watch-PID" as soon as a server takes it (trying every
//                                0.1 ms for up to MS milliseconds), registers an output port
//                                "out", activates, and prints one line for each thing it sees:
//                                  open [first]  opened; "first" when jack-server's monitor
//                                                client was not there yet
//                                  cycling E     10 process cycles ran since the E-th time the
//                                                master driver's ports were registered again
//                                                (a driver switch; 0 is the start)
//                                  bufsize N     the period changed to N frames
//                                  connected N   out's connections are N now
//                                  shutdown      the server went away
//                                until SIGTERM or SIGINT: closes, exit 0, or 3 when the server
//                                had gone away
// The server is the one JACK_DEFAULT_SERVER names; nothing is ever started.
// Each client's name ends in the process id: JACK2 names a client's socket
// after the client alone, so equal names on two servers collide (see
// tests/support/client_lock.hpp).

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <jack/jack.h>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

std::atomic<long> cycles{0};
volatile std::sig_atomic_t leave = 0; // SIGTERM or SIGINT came
long block_after = -1;

int on_process(jack_nframes_t, void*) {
    long done = ++cycles;
    if (block_after >= 0 && done > block_after) {
        static const char message[] = "blocked\n";
        (void)!write(STDOUT_FILENO, message, sizeof message - 1);
        for (;;)
            pause(); // never returns: the server must cope with a hung client
    }
    return 0;
}

// The late mode's process callback (see run_late).
long late_wanted = 0;
std::atomic<long> late_done{0};
jack_nframes_t late_rate = 48000;

int on_late_process(jack_nframes_t frames, void*) {
    long done = ++cycles;
    if (late_done.load() >= late_wanted || done % 25 != 0)
        return 0;
    std::this_thread::sleep_for(std::chrono::microseconds(3'000'000LL * frames / late_rate));
    char line[32];
    int length = std::snprintf(line, sizeof line, "late %ld\n", ++late_done);
    (void)!write(STDOUT_FILENO, line, static_cast<size_t>(length));
    return 0;
}

jack_client_t* open_client(const std::string& name) {
    jack_status_t status{};
    auto options = static_cast<jack_options_t>(JackNoStartServer | JackUseExactName);
    auto* client = jack_client_open(name.c_str(), options, &status);
    if (client == nullptr)
        std::fprintf(stderr, "test_client: cannot open client '%s' (status 0x%x)\n", name.c_str(),
                     static_cast<unsigned>(status));
    return client;
}

int run_cycles(long wanted) {
    auto* client = open_client("cycles-" + std::to_string(getpid()));
    if (client == nullptr)
        return 2;
    jack_set_process_callback(client, on_process, nullptr);
    if (jack_activate(client) != 0)
        return 2;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (cycles < wanted && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    long seen = cycles;
    jack_client_close(client);
    std::printf("%ld cycles\n", seen);
    return seen >= wanted ? 0 : 1;
}

int run_block(long after) {
    block_after = after;
    auto* client = open_client("blocker-" + std::to_string(getpid()));
    if (client == nullptr)
        return 2;
    jack_set_process_callback(client, on_process, nullptr);
    if (jack_activate(client) != 0)
        return 2;
    for (;;)
        pause();
}

int run_late(long times) {
    std::signal(SIGTERM, [](int) { leave = 1; });
    std::signal(SIGINT, [](int) { leave = 1; });
    late_wanted = times;
    auto* client = open_client("late-" + std::to_string(getpid()));
    if (client == nullptr)
        return 2;
    late_rate = jack_get_sample_rate(client);
    jack_set_process_callback(client, on_late_process, nullptr);
    if (jack_activate(client) != 0)
        return 2;
    while (!leave)
        pause();
    jack_client_close(client);
    return 0;
}

// The server applies a connection to the graph at the next cycle: wait for it.
bool wait_connected(jack_port_t* port) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (jack_port_connected(port) != 1) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

const char* churn_once(const std::string& name) {
    auto* client = open_client(name);
    if (client == nullptr)
        return "open";
    const char* failed = nullptr;
    auto* in = jack_port_register(client, "in", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
    auto* out = jack_port_register(client, "out", JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
    jack_set_process_callback(client, on_process, nullptr);
    if (in == nullptr || out == nullptr)
        failed = "register ports";
    else if (jack_activate(client) != 0)
        failed = "activate";
    else if (jack_connect(client, jack_port_name(out), jack_port_name(in)) != 0)
        failed = "connect";
    else if (!wait_connected(in))
        failed = "see the connection";
    if (jack_client_close(client) != 0 && failed == nullptr)
        failed = "close";
    return failed;
}

int run_wait(long milliseconds) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(milliseconds);
    std::string name = "first-" + std::to_string(getpid());
    for (;;) {
        jack_status_t status{};
        auto* client = jack_client_open(name.c_str(), JackNoStartServer, &status);
        if (client != nullptr) {
            jack_client_close(client);
            return 0;
        }
        if (std::chrono::steady_clock::now() >= deadline)
            return 1;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

std::atomic<bool> heard{false};
jack_port_t* listening = nullptr;

int on_listen(jack_nframes_t frames, void*) {
    const auto* samples =
        static_cast<const jack_default_audio_sample_t*>(jack_port_get_buffer(listening, frames));
    for (jack_nframes_t i = 0; i < frames; ++i)
        if (samples[i] > 0.01F || samples[i] < -0.01F) {
            heard = true;
            break;
        }
    return 0;
}

int run_hears(const std::string& source) {
    auto* client = open_client("hears-" + std::to_string(getpid()));
    if (client == nullptr)
        return 2;
    listening = jack_port_register(client, "in", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
    jack_set_process_callback(client, on_listen, nullptr);
    if (listening == nullptr || jack_activate(client) != 0)
        return 2;
    if (jack_connect(client, source.c_str(), jack_port_name(listening)) != 0) {
        std::fprintf(stderr, "test_client: cannot connect '%s'\n", source.c_str());
        jack_client_close(client);
        return 2;
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!heard && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    jack_client_close(client);
    if (!heard)
        std::fprintf(stderr, "test_client: only silence from '%s' in 10 s\n", source.c_str());
    return heard ? 0 : 1;
}

int run_churn(long rounds) {
    std::string name = "churn-" + std::to_string(getpid());
    for (long round = 0; round < rounds; ++round)
        if (const char* failed = churn_once(name)) {
            std::fprintf(stderr, "test_client: round %ld: cannot %s\n", round, failed);
            return 1;
        }
    return 0;
}

// jack_unload would also find an internal client, but it unloads it, and it
// sometimes hangs in jack_client_close afterwards (JACK2 1.9.21, about one
// run in twenty on a loaded machine).
int run_has(const std::string& wanted) {
    auto* client = open_client("has-" + std::to_string(getpid()));
    if (client == nullptr)
        return 2;
    char* uuid = jack_get_uuid_for_client_name(client, wanted.c_str());
    bool found = uuid != nullptr;
    jack_free(uuid);
    jack_client_close(client);
    return found ? 0 : 1;
}

int run_port(const std::string& wanted) {
    auto* client = open_client("port-" + std::to_string(getpid()));
    if (client == nullptr)
        return 2;
    std::printf("open\n");
    std::fflush(stdout);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    bool found = false;
    while (!(found = jack_port_by_name(client, wanted.c_str()) != nullptr) &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (found) {
        // Before closing: a close waits on the server, which need not delay the news.
        std::printf("found\n");
        std::fflush(stdout);
    }
    jack_client_close(client);
    return found ? 0 : 1;
}

int run_connected(long limit_ms) {
    auto* client = open_client("patched-" + std::to_string(getpid()));
    if (client == nullptr)
        return 2;
    auto* port = jack_port_register(client, "out", JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
    if (port == nullptr || jack_activate(client) != 0)
        return 2;
    auto start = std::chrono::steady_clock::now();
    auto limit = start + std::chrono::milliseconds(limit_ms);
    while (jack_port_connected(port) == 0) {
        if (std::chrono::steady_clock::now() > limit) {
            jack_client_close(client);
            return 1;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    std::printf("%.2f\n", took.count());
    jack_client_close(client);
    return 0;
}

// What the watching client saw, set by JACK's threads and printed by main.
struct Watched {
    std::atomic<long> switches{0};         // re-registrations of system:playback_1
    std::atomic<long> cycles_at_switch{0}; // `cycles` when the last one came
    std::atomic<jack_nframes_t> bufsize{0};
    std::atomic<bool> shutdown{false};
};
Watched watched;
jack_client_t* watching = nullptr;

void on_port_registered(jack_port_id_t id, int registered, void*) {
    if (!registered)
        return;
    jack_port_t* port = jack_port_by_id(watching, id);
    if (port != nullptr && std::strcmp(jack_port_name(port), "system:playback_1") == 0) {
        watched.cycles_at_switch = cycles.load();
        ++watched.switches;
    }
}

int on_bufsize(jack_nframes_t frames, void*) {
    watched.bufsize = frames;
    return 0;
}

void on_shutdown(void*) {
    watched.shutdown = true;
}

int run_watch(long milliseconds) {
    std::signal(SIGTERM, [](int) { leave = 1; });
    std::signal(SIGINT, [](int) { leave = 1; });
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    std::string name = "watch-" + std::to_string(getpid());
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(milliseconds);
    auto options = static_cast<jack_options_t>(JackNoStartServer | JackUseExactName);
    // An early client: it may come before the daemon opened its own. Each
    // try before the server runs would print libjack's errors.
    jack_set_error_function([](const char*) {});
    while ((watching = jack_client_open(name.c_str(), options, nullptr)) == nullptr) {
        if (leave || std::chrono::steady_clock::now() >= deadline) {
            std::fprintf(stderr, "test_client: no server took '%s'\n", name.c_str());
            return 2;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    jack_set_error_function([](const char* message) { std::fprintf(stderr, "%s\n", message); });
    char* monitor = jack_get_uuid_for_client_name(watching, "jack-server-monitor");
    std::printf(monitor == nullptr ? "open first\n" : "open\n");
    jack_free(monitor);
    auto* out = jack_port_register(watching, "out", JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
    jack_set_process_callback(watching, on_process, nullptr);
    jack_set_port_registration_callback(watching, on_port_registered, nullptr);
    jack_set_buffer_size_callback(watching, on_bufsize, nullptr);
    jack_on_shutdown(watching, on_shutdown, nullptr);
    if (out == nullptr || jack_activate(watching) != 0)
        return 2;
    long cycling = -1;
    int connected = 0;
    jack_nframes_t bufsize = jack_get_buffer_size(watching);
    bool shutdown = false;
    while (!leave) {
        if (watched.shutdown && !shutdown) {
            shutdown = true;
            std::printf("shutdown\n");
        }
        if (!shutdown) {
            if (auto now = watched.bufsize.load(); now != 0 && now != bufsize)
                std::printf("bufsize %u\n", bufsize = now);
            if (int now = jack_port_connected(out); now != connected)
                std::printf("connected %d\n", connected = now);
            long switches = watched.switches;
            if (switches > cycling && cycles - watched.cycles_at_switch >= 10)
                std::printf("cycling %ld\n", cycling = switches);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (!shutdown)
        jack_client_close(watching);
    return shutdown ? 3 : 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: test_client cycles|block|late|churn|wait|connected|watch N, "
                             "test_client has|hears|port NAME\n");
        return 2;
    }
    if (std::strcmp(argv[1], "has") == 0)
        return run_has(argv[2]);
    if (std::strcmp(argv[1], "hears") == 0)
        return run_hears(argv[2]);
    if (std::strcmp(argv[1], "port") == 0)
        return run_port(argv[2]);
    long n = std::strtol(argv[2], nullptr, 10);
    if (std::strcmp(argv[1], "cycles") == 0)
        return run_cycles(n);
    if (std::strcmp(argv[1], "late") == 0)
        return run_late(n);
    if (std::strcmp(argv[1], "block") == 0)
        return run_block(n);
    if (std::strcmp(argv[1], "churn") == 0)
        return run_churn(n);
    if (std::strcmp(argv[1], "wait") == 0)
        return run_wait(n);
    if (std::strcmp(argv[1], "connected") == 0)
        return run_connected(n);
    if (std::strcmp(argv[1], "watch") == 0)
        return run_watch(n);
    std::fprintf(stderr, "test_client: unknown mode '%s'\n", argv[1]);
    return 2;
}
