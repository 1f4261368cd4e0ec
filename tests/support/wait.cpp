// SPDX-License-Identifier: GPL-2.0-or-later
#include "wait.hpp"

#include <thread>
#include <unistd.h>

namespace test {

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return condition();
        std::this_thread::sleep_for(10ms); // polling interval, not a synchronisation
    }
    return true;
}

std::string unique_server_name(const std::string& what) {
    return "jstest-" + what + "-" + std::to_string(getpid());
}

std::string unique_client_name(const std::string& what) {
    return what + "-" + std::to_string(getpid());
}

std::map<std::string, std::string> client_environment(const std::string& name) {
    return {{"JACK_DEFAULT_SERVER", name}, {"JACK_NO_START_SERVER", "1"}};
}

std::map<std::string, std::string> unaware_environment() {
    return {{"JACK_DEFAULT_SERVER", "jstest-no-such-server"}, {"JACK_NO_START_SERVER", "1"}};
}

} // namespace test
