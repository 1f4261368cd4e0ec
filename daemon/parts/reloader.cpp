// SPDX-License-Identifier: GPL-2.0-or-later
#include "parts/reloader.hpp"

#include "config/config_apply.hpp"
#include "engine/deadline.hpp"
#include "engine/reload.hpp"
#include "exit_status.hpp"
#include "process/notifier.hpp"

namespace jack_server::detail {

Reloader::Reloader(Server& server, Config running, Parts& parts, Notifier& notifier,
                   std::chrono::milliseconds deadline)
    : server_(server), running_(std::move(running)), parts_(parts), notifier_(notifier),
      deadline_(deadline) {}

SignalAnswer Reloader::on_signal(const ReceivedSignal& signal) {
    if (signal.number != SIGHUP)
        return {};
    notifier_.reloading();
    ReloadResult reloaded;
    {
        Deadline deadline(deadline_, exit_tempfail, "reload");
        reloaded = reload_from_sources(server_, running_,
                                       [this](Config& wanted) { parts_.reload_wanted(wanted); });
    }
    if (reloaded.server_lost)
        return {true, Outcome{exit_tempfail, "the reload left the engine without a driver", true}};
    auto device = reloaded.driver_switched ? device_opened(server_) : std::nullopt;
    parts_.change({Change::Cause::reload, reloaded.running, reloaded.driver_switched, device, {}});
    notifier_.ready();
    return {true, std::nullopt};
}

void Reloader::on_change(const Change& change) {
    running_ = change.running;
}

} // namespace jack_server::detail
