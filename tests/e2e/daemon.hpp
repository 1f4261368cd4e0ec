// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "process.hpp"
#include "wait.hpp"

#include <map>
#include <string>
#include <vector>

namespace test {

// The built jack-server, started as `jack-server -n NAME ARGS...` with an
// environment whose JACK clients reach that server and no other.
class Daemon : public Process {
public:
    // `environment` adds to (or replaces in) the clients' one, e.g. a HOME
    // whose .asoundrc declares a test card.
    Daemon(const std::string& name, const std::vector<std::string>& args,
           const std::map<std::string, std::string>& environment = {});

    const std::string& name() const { return name_; }
    // True once the daemon says it has started (its readiness) and a JACK
    // client (jack_lsp) can connect, within the timeout. Needs the info log.
    // False at once when the daemon ended, with how it ended on stderr.
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
