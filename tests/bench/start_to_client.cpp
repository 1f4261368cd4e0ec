// SPDX-License-Identifier: GPL-2.0-or-later
// The C++ side of tests/bench/python_bench.py: what the Python module does
// for Server(name=NAME, realtime=False, driver="dummy", rate=RATE,
// period=PERIOD).start(), through the control library, then a client
// (test_client wait) connecting from a child process. Prints
// "client MS" on stdout: the milliseconds from constructing the Server to
// the client having connected.
//   bench_start_to_client NAME RATE PERIOD PORT_MAX TEST_CLIENT

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <jack_server/output.hpp>
#include <jack_server/server.hpp>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 6) {
        std::fprintf(stderr, "usage: %s NAME RATE PERIOD PORT_MAX TEST_CLIENT\n", argv[0]);
        return 64;
    }
    const std::string name = argv[1];
    const auto rate = static_cast<std::uint32_t>(std::stoul(argv[2]));
    const auto period = static_cast<std::uint32_t>(std::stoul(argv[3]));
    const auto port_max = static_cast<std::uint32_t>(std::stoul(argv[4]));
    jack_server::set_info_function(nullptr);

    auto start = std::chrono::steady_clock::now();
    // As the Python module builds it: only the driver's plugin, then each value.
    jack_server::Server server(std::vector<std::string>{"dummy"});
    server.select_driver("dummy");
    server.set_name(name);
    server.set_realtime(false);
    server.params().at("port-max").set_value(port_max);
    server.driver().set_rate(jack_server::SampleRate{rate});
    server.driver().set_period(period);
    server.start();
    pid_t child = fork();
    if (child == 0) {
        setenv("JACK_DEFAULT_SERVER", name.c_str(), 1);
        setenv("JACK_NO_START_SERVER", "1", 1);
        execl(argv[5], argv[5], "wait", "20000", static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    waitpid(child, &status, 0);
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    server.stop();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "no client could connect\n");
        return 1;
    }
    std::printf("client %.2f\n", ms);
    return 0;
}
