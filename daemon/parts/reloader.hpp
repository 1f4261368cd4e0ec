// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "part.hpp"

#include <chrono>

namespace jack_server {
class Server;
}

namespace jack_server::detail {

class Notifier;

// SIGHUP re-reads the configuration's sources and applies the difference to
// the running server (reload_from_sources), under a deadline (a switch that
// never returns ends the process with 75). Other parts may amend what is
// wanted first (Parts::reload_wanted) and are told what runs afterwards
// (Parts::change). Present only when the configuration can be read again
// (Config::reread); otherwise SIGHUP stops the server, as with jackd.
class Reloader final : public Part {
public:
    Reloader(Server& server, Config running, Parts& parts, Notifier& notifier,
             std::chrono::milliseconds deadline);

    SignalAnswer on_signal(const ReceivedSignal& signal) override;
    void on_change(const Change& change) override;

private:
    Server& server_;
    Config running_;
    Parts& parts_;
    Notifier& notifier_;
    std::chrono::milliseconds deadline_;
};

} // namespace jack_server::detail
