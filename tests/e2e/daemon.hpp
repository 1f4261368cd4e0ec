// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "process.hpp"
#include "ready_pipe.hpp"
#include "wait.hpp"

#include <map>
#include <string>
#include <vector>

namespace test {

namespace detail {
// Made before the process, which gets its write end (base-from-member).
struct WithReadyPipe {
    ReadyPipe ready_pipe_;
};
} // namespace detail

// The built jack-server, started as `jack-server -n NAME --ready-fd 3 ARGS...`
// with an environment whose JACK clients reach that server and no other.
class Daemon : private detail::WithReadyPipe, public Process {
public:
    // `environment` adds to (or replaces in) the clients' one, e.g. a HOME
    // whose .asoundrc declares a test card.
    Daemon(const std::string& name, const std::vector<std::string>& args,
           const std::map<std::string, std::string>& environment = {});

    const std::string& name() const { return name_; }
    // True once the daemon says it serves clients (--ready-fd), within the
    // timeout; no client connects (a -T server would end with it). False at
    // once when the daemon ended or failed first, with how on stderr.
    bool wait_ready(std::chrono::milliseconds timeout = 20s);
    // Whether it has said so yet; no wait, no message.
    bool ready() { return ready_pipe_.wait(0ms); }
    // wait_ready, then a JACK client (jack_lsp) connects.
    bool wait_serving(std::chrono::milliseconds timeout = 20s);
    // True once the daemon's log contains text, within the timeout.
    bool wait_logged(const std::string& text, std::chrono::milliseconds timeout = 20s);
    // Runs a JACK client tool against this server.
    Result client(std::vector<std::string> argv) const;

private:
    std::string name_;
};

// Whether a client can reach the server of that name now.
bool serving(const std::string& name);
// Whether the engine of that server runs: a client's process callback is
// called 20 times.
bool cycles(const std::string& name);

// A name fixed for the binary under test ("jstest-jack-server-posix-WHAT"):
// the same in every run, different for the e2e suite's two runs, which may
// overlap, and neither a prefix of the other (JACK's files are found by
// prefix). For a test whose server ends with 75 leaving its registry entry:
// JACK reclaims a dead server's entry only under the same name.
std::string fixed_name(const std::string& what);

// What Restart=on-failure does after a 75 that left the server registered: a
// server of the same name starts, serves, reclaims the dead one's registry
// entry and files, and stops leaving nothing in /dev/shm.
void expect_a_restart_serves_and_cleans_up(const std::string& name);

} // namespace test
