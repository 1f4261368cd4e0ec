// SPDX-License-Identifier: GPL-2.0-or-later
// Starts a dummy JACK server through the installed library, reports that it
// runs, waits for a line on stdin (so a client can look at it), then stops it.
// Usage: consumer SERVER_NAME

#include <iostream>
#include <jack_server/server.hpp>
#include <jack_server/version.hpp>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: consumer SERVER_NAME\n";
        return 64;
    }
    jack_server::Server server({
        .driver = "dummy",
        .name = argv[1],
        .realtime = false,
        .rate = jack_server::SampleRate::rate_44100,
        .period = 256,
    });
    server.start();
    std::cout << "started " << server.name() << " with jack-server " << jack_server::version << " "
              << jack_server::hz(server.driver().rate()) << std::endl;
    std::string line;
    std::getline(std::cin, line);
    server.stop();
    std::cout << "stopped " << server.is_started() << std::endl;
    return 0;
}
