// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace test {

using namespace std::chrono_literals;

// The signals a program may use, as a mask of /proc/PID/status (bit n-1 for
// signal n): all but the C library's own (32 and 33 with glibc, below
// SIGRTMIN), which no program can handle and glibc's posix_spawn leaves
// ignored in the child, as Process starts it.
std::uint64_t programs_signals();

// How a process ended.
struct Exit {
    int status = -1; // exit status, when it exited
    int signal = 0;  // the signal that killed it, otherwise 0
    bool exited() const { return signal == 0; }
};

// A descriptor of the test given to a child under another number, such as
// the write end of a pipe as the child's descriptor 3 (--ready-fd 3).
struct Inherited {
    int fd; // the test's, close-on-exec
    int as; // the child's
};

// A child process started with posix_spawn. Its stdout and stderr go to files
// the test can read while it runs. The destructor stops it if still running:
// SIGTERM, then SIGKILL if it has not ended within 15 s.
class Process {
public:
    // env entries are added to (or replace in) this process's environment.
    // The child gets descriptors 0-2 (stdin /dev/null), the inherited ones,
    // and whatever the test left open without close-on-exec.
    Process(std::vector<std::string> argv, std::map<std::string, std::string> env = {},
            const std::vector<Inherited>& inherited = {});
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const { return pid_; }
    void signal(int number) const;
    // Waits until the process ends or timeout passes; std::nullopt on timeout.
    std::optional<Exit> wait(std::chrono::milliseconds timeout = 20s);
    bool running();

    std::string output() const; // what it wrote to stdout so far
    std::string errors() const; // what it wrote to stderr so far

private:
    pid_t pid_ = -1;
    std::optional<Exit> exit_;
    std::string out_path_, err_path_;
};

// The pid a process printed as "started <pid>" (a shell's "echo started $$"),
// once it has; 0 when it ended or timeout passed first.
pid_t wait_started(Process& process, std::chrono::milliseconds timeout = 20s);

// Runs a command to completion (at most timeout) and returns its exit and stdout.
// One of JACK's client tools runs holding the ClientLock for its first
// seconds (see client_lock.hpp).
struct Result {
    Exit exit;
    std::string output;
    std::string errors;
};
Result run(std::vector<std::string> argv, std::map<std::string, std::string> env = {},
           std::chrono::milliseconds timeout = 20s);

} // namespace test
