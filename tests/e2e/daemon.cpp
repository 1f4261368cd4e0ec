// SPDX-License-Identifier: GPL-2.0-or-later
#include "daemon.hpp"

#include "binaries.hpp"
#include "shm.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <iostream>
#include <signal.h>

namespace test {

namespace {

std::vector<std::string> command(const std::string& name, const std::vector<std::string>& args) {
    std::vector<std::string> argv{test::jack_server_binary(), "-n", name};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

std::map<std::string, std::string>
daemon_environment(const std::string& name, const std::map<std::string, std::string>& environment) {
    auto all = client_environment(name);
    for (const auto& [key, value] : environment)
        all[key] = value;
    return all;
}

} // namespace

Daemon::Daemon(const std::string& name, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& environment)
    : Process(command(name, args), daemon_environment(name, environment)), name_(name) {}

bool Daemon::wait_serving(std::chrono::milliseconds timeout) {
    // A client can connect as soon as the engine runs, but one that connects
    // while the daemon still opens its monitor or loads internal clients may be
    // refused: the daemon's "started" line comes once that is done (with READY=1).
    bool started = wait_until(
        [&] { return errors().find("started server") != std::string::npos || !running(); },
        timeout);
    if (!running()) {
        // Said here, since a daemon killed by a signal writes nothing itself.
        auto exit = wait(0ms);
        std::cerr << "jack-server '" << name_ << "' ended before serving: "
                  << (exit->exited() ? "status " + std::to_string(exit->status)
                                     : "signal " + std::to_string(exit->signal))
                  << "\n";
        return false;
    }
    return started && serving(name_);
}

bool Daemon::wait_logged(const std::string& text, std::chrono::milliseconds timeout) {
    return wait_until([&] { return errors().find(text) != std::string::npos; }, timeout);
}

Result Daemon::client(std::vector<std::string> argv) const {
    return run(std::move(argv), client_environment(name_));
}

bool serving(const std::string& name) {
    return run({"jack_lsp"}, client_environment(name)).exit.status == 0;
}

std::string fixed_name(const std::string& what) {
    return "jstest-" + std::filesystem::path(jack_server_binary()).filename().string() + "-" + what;
}

void expect_a_restart_serves_and_cleans_up(const std::string& name) {
    Daemon restarted(name, {"-r", "-p", "64", "-d", "dummy"});
    EXPECT_TRUE(restarted.wait_serving()) << restarted.errors();
    restarted.signal(SIGTERM);
    auto exit = restarted.wait();
    ASSERT_TRUE(exit) << "still running";
    EXPECT_EQ(exit->status, 0) << restarted.errors();
    EXPECT_EQ(describe(jack_files_of(name)), "");
}

} // namespace test
