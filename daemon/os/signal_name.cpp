// SPDX-License-Identifier: GPL-2.0-or-later
#include "os/signal_name.hpp"

#include <csignal>

namespace jack_server::detail {

std::string signal_name(int number) {
    switch (number) {
    case SIGHUP:
        return "SIGHUP";
    case SIGINT:
        return "SIGINT";
    case SIGQUIT:
        return "SIGQUIT";
    case SIGTERM:
        return "SIGTERM";
    case SIGUSR1:
        return "SIGUSR1";
    case SIGUSR2:
        return "SIGUSR2";
    default:
        return "signal " + std::to_string(number);
    }
}

} // namespace jack_server::detail
