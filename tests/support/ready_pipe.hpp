// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "process.hpp"

#include <chrono>
#include <string>

namespace test {

using namespace std::chrono_literals;

// A pipe for a daemon's readiness (jack-server's --ready-fd, the s6
// convention): the child gets the write end as descriptor as(); the daemon
// writes "READY=1" there once it serves clients and closes it. Tests wait on
// this, not on a line of the log.
class ReadyPipe {
public:
    explicit ReadyPipe(int as = 3); // throws std::runtime_error
    ~ReadyPipe();
    ReadyPipe(const ReadyPipe&) = delete;
    ReadyPipe& operator=(const ReadyPipe&) = delete;

    int as() const { return as_; }
    // What to give Process to pass the write end on.
    Inherited for_child() const { return {write_, as_}; }
    // Closes the test's copy of the write end, once the child has its own:
    // the read end then ends when the child closes it or ends.
    void close_write_end();

    // True once the line came, within timeout. False at once when the pipe
    // closed without it: the child ended, or failed, before it was ready.
    bool wait(std::chrono::milliseconds timeout = 20s);
    // Whether the pipe closed without the line.
    bool closed_unready() const { return closed_ && !ready_; }

private:
    int read_ = -1, write_ = -1, as_;
    std::string got_;
    bool ready_ = false, closed_ = false;
};

} // namespace test
