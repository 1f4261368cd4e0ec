// SPDX-License-Identifier: GPL-2.0-or-later
#include "parts/command_runner.hpp"

#include "log.hpp"
#include "os/signal_name.hpp"

#include <fmt/format.h>

namespace jack_server::detail {

namespace {

std::string ended(const Command& command, int status) {
    if (status > 128)
        return fmt::format("'{}' ended by {}", command.name(), signal_name(status - 128));
    return fmt::format("'{}' exited with status {}", command.name(), status);
}

} // namespace

CommandRunner::CommandRunner(const std::vector<std::string>& argv, const std::string& server_name,
                             bool dies_with_us, EventLoop& loop, std::chrono::milliseconds grace)
    : command_(argv, server_name, dies_with_us), loop_(loop), grace_(grace) {
    log::debug("running '{}' (pid {})", command_.name(), command_.pid());
}

SignalAnswer CommandRunner::on_signal(const ReceivedSignal& signal) {
    switch (signal.number) {
    case SIGCHLD:
        if (auto status = command_.reap())
            return {true, Outcome{*status, ended(command_, *status)}};
        return {true, std::nullopt};
    case SIGINT:
    case SIGTERM:
    case SIGQUIT:
    case SIGHUP:
        break;
    default:
        return {};
    }
    auto reason = "received " + signal_name(signal.number);
    if (signal.sender == 0) {
        log::info("{}: waiting for '{}' to end", reason, command_.name());
    } else {
        log::info("{}: passed on to '{}'", reason, command_.name());
        command_.forward(signal.number);
    }
    return {true, std::nullopt};
}

void CommandRunner::on_stop(const Outcome& outcome) {
    if (!command_.running())
        return;
    log::info("ending '{}': {}", command_.name(), outcome.reason);
    command_.end(loop_, grace_);
}

} // namespace jack_server::detail
