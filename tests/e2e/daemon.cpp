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

std::vector<std::string> command(const std::string& name, const ReadyPipe& ready,
                                 const std::vector<std::string>& args) {
    std::vector<std::string> argv{test::jack_server_binary(), "-n", name, "--ready-fd",
                                  std::to_string(ready.as())};
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
    : Process(command(name, ready_pipe_, args), daemon_environment(name, environment),
              {ready_pipe_.for_child()}),
      name_(name) {
    ready_pipe_.close_write_end();
}

bool Daemon::wait_ready(std::chrono::milliseconds timeout) {
    // A client can connect as soon as the engine runs, but one that connects
    // while the daemon still opens its monitor or loads internal clients may
    // be refused: the daemon says it is ready once that is done.
    if (ready_pipe_.wait(timeout))
        return true;
    // Said here, since a daemon killed by a signal writes nothing itself.
    if (ready_pipe_.closed_unready()) {
        auto exit = wait(5s);
        std::cerr << "jack-server '" << name_ << "' ended before it was ready: "
                  << (!exit            ? std::string("still running, pipe closed")
                      : exit->exited() ? "status " + std::to_string(exit->status)
                                       : "signal " + std::to_string(exit->signal))
                  << "\n";
    } else {
        std::cerr << "jack-server '" << name_ << "' was not ready within " << timeout.count()
                  << " ms\n";
    }
    return false;
}

bool Daemon::wait_serving(std::chrono::milliseconds timeout) {
    return wait_ready(timeout) && serving(name_);
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

bool cycles(const std::string& name) {
    return run({JACK_TEST_CLIENT, "cycles", "20"}, client_environment(name)).exit.status == 0;
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
