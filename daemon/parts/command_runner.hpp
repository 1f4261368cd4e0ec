// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "part.hpp"
#include "parts/command.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace jack_server::detail {

class EventLoop;

// -- COMMAND as a part: runs the command once the server is ready, and the
// run ends when it does, with its status. A stop signal goes to the command
// instead of stopping the server (unless the kernel sent it to the whole
// process group, such as a terminal's Ctrl-C: the command has it already).
// A command still running when the run ends otherwise is ended (SIGTERM,
// then SIGKILL after grace).
class CommandRunner final : public Part {
public:
    // Throws CommandNotRun, std::system_error (see Command).
    CommandRunner(const std::vector<std::string>& argv, const std::string& server_name,
                  bool dies_with_us, EventLoop& loop, std::chrono::milliseconds grace);

    SignalAnswer on_signal(const ReceivedSignal& signal) override;
    void on_stop(const Outcome& outcome) override;

private:
    Command command_;
    EventLoop& loop_;
    std::chrono::milliseconds grace_;
};

} // namespace jack_server::detail
