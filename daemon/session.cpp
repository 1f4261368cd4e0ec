// SPDX-License-Identifier: GPL-2.0-or-later
#include "session.hpp"

#include "config/config_apply.hpp"
#include "config/options.hpp"
#include "engine/deadline.hpp"
#include "engine/monitor.hpp"
#include "engine/realtime_state.hpp"
#include "engine/server_registry.hpp"
#include "engine/stats.hpp"
#include "engine/wait_device.hpp"
#include "errors.hpp"
#include "exit_status.hpp"
#include "jack_server/server.hpp"
#include "parts/card_keeper.hpp"
#include "parts/command_runner.hpp"
#include "parts/connection_keeper.hpp"
#include "parts/engine_watch.hpp"
#include "parts/extra_cards.hpp"
#include "parts/reloader.hpp"
#include "parts/sleep_watch.hpp"
#include "process/device_reservation.hpp"
#include "process/notifier.hpp"
#include "run_loop.hpp"

#include <cstdlib>
#include <spdlog/spdlog.h>

namespace jack_server::detail {

namespace {

// When the card's holder refused it, that is the whole story: JACK's own
// lines only say the device "cannot be acquired".
void refused_card(const Server& server, const SessionBusReservation* reservation) {
    auto refusal = reservation ? reservation->refusal() : std::nullopt;
    if (refusal)
        throw ServerNotOpenedError(
            fmt::format("cannot open server '{}': {}", server.name(), *refusal),
            "have it release the card, or stop it, then start again; or choose another card");
}

// The started engine, as a scope: configured, opened (waiting for the device
// with --wait-device), its slaves added and started; STOPPING=1 and stopped
// when the scope ends. -T is the daemon's (see Monitor), not libjackserver's.
class RunningServer {
public:
    RunningServer(Server& server, const Config& config, const ProcessParts& process)
        : server_(server), notifier_(process.notifier) {
        auto without_temporary = config;
        without_temporary.server.erase("temporary");
        apply_parameters(server, without_temporary);
        auto open = [&] {
            return open_waiting(server, config.daemon.wait_device, process.limits.device_retry,
                                process.notifier, process.loop);
        };
        try {
            opened_ = config.daemon.unique_name ? open_under_unique_name(server, open) : open();
            if (!opened_)
                return;
            add_slaves(server, config);
            server.start();
        } catch (const ServerNotOpenedError&) {
            server.stop();
            refused_card(server, process.reservation);
            throw;
        } catch (...) {
            server.stop();
            throw;
        }
    }
    ~RunningServer() {
        if (!opened_)
            return;
        notifier_.stopping();
        server_.stop();
        spdlog::info("server '{}' stopped", server_.name());
    }
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;

    bool opened() const { return opened_; }

private:
    Server& server_;
    Notifier& notifier_;
    bool opened_ = false;
};

bool temporary(const Config& config) {
    auto setting = config.server.find("temporary");
    return setting != config.server.end() && std::get<bool>(setting->second.value);
}

void sample(Stats& stats, Monitor& monitor) {
    stats.sample(monitor.cycles(), monitor.xruns(), monitor.dsp_load(), monitor.sample_rate(),
                 monitor.period());
}

// The status to exit with, the summary line and the stats file.
int finish(const Outcome& outcome, const Stats& stats, const DaemonOptions& options) {
    int status = outcome.status;
    if (status == exit_ok && options.max_xruns && stats.xruns() > *options.max_xruns) {
        spdlog::error("{} xruns, more than the {} allowed (--max-xruns)", stats.xruns(),
                      *options.max_xruns);
        status = exit_assertion_failed;
    }
    spdlog::log(status == exit_ok ? spdlog::level::info : spdlog::level::err,
                "exit status {}: {}; {}", status, outcome.reason, stats.line());
    if (options.stats_file) {
        try {
            stats.write_json(*options.stats_file, status);
        } catch (const FileError& e) {
            // A CI job reads the figures: a run whose file is missing did not pass.
            spdlog::error("{}", e.what());
            if (status == exit_ok)
                status = exit_cantcreat;
        }
    }
    return status;
}

// The parts a Config may ask for beside the kept connections.
struct Features {
    std::optional<CardKeeper> card_keeper;
    std::optional<ExtraCards> extra_cards;
    std::optional<Reloader> reloader;
    std::optional<SleepWatch> sleep_watch;
};

// Makes the parts and adds them in the order they see events: the card
// keeper acts on a lost device before the others look at the engine, and the
// sleep watch on a suspend; the
// extra cards alias their ports before the connections are made.
void add_features(Features& features, Parts& parts, Server& server, const Config& config,
                  const ProcessParts& process, Monitor& monitor, ConnectionKeeper& connections,
                  Stats& stats) {
    auto switch_deadline = resolved_duration(config, "daemon.reload-timeout");
    if (config.daemon.fallback)
        features.card_keeper.emplace(server, monitor, parts, process.reservation, config,
                                     Fallback::parse(*config.daemon.fallback), process.limits,
                                     switch_deadline,
                                     resolved_duration(config, "daemon.card-return-hold"));
    if (config.reread)
        features.reloader.emplace(server, config, parts, process.notifier, switch_deadline);
    if (!config.cards.empty())
        features.extra_cards.emplace(server.name(), config.cards, true, monitor, stats,
                                     process.reservation, process.loop, process.limits);
    if (auto logind =
            watch_logind(config.daemon.no_suspend_watch, process.limits.reservation_reply))
        features.sleep_watch.emplace(std::move(logind), server, monitor, parts, process.reservation,
                                     config,
                                     Fallback::parse(config.daemon.fallback.value_or("dummy")),
                                     process.limits, switch_deadline);
    if (features.card_keeper)
        parts.add(*features.card_keeper);
    if (features.sleep_watch)
        parts.add(*features.sleep_watch);
    if (features.extra_cards)
        parts.add(*features.extra_cards);
    parts.add(connections);
    if (features.reloader)
        parts.add(*features.reloader);
}

} // namespace

int run_session(Server& server, const Config& config, const ProcessParts& process) {
    const auto& options = config.daemon;
    // Declared before the server, so they outlive its stop: the stop still
    // notifies the daemon's clients, and a stalled engine's stop is guarded.
    std::optional<Deadline> stalled_stop;
    std::optional<Monitor> monitor;
    std::optional<ConnectionKeeper> connections;
    RunningServer running(server, config, process);
    if (!running.opened())
        return exit_ok;
    // Uptime counts from here, the engine running, so it spans every cycle
    // the monitor counts from its opening on.
    Stats stats(server.driver().name(), device_opened(server));
    monitor.emplace(server.name(), temporary(config), process.loop);
    load_internals(server, config);
    connections.emplace(server.name(), process.loop, stats, config.connections, config.cards);
    Parts parts;
    Features features;
    add_features(features, parts, server, config, process, *monitor, *connections, stats);
    EngineWatch watch(*monitor, process.notifier, stats, options.stall_timeout,
                      process.limits.tick);

    sample(stats, *monitor);
    spdlog::info("started {}", describe(server, realtime_shortfall(server)));
    process.notifier.ready(options.unique_name ? server.name() : std::string());
    process.notifier.status(stats.status());
    std::optional<CommandRunner> command;
    if (!config.command.empty()) {
        try {
            command.emplace(config.command, server.name(), options.private_shm, process.loop,
                            process.limits.command_grace);
        } catch (const CommandNotRun& e) {
            spdlog::error("{}", e.what());
            return e.status();
        }
        parts.add(*command);
    }
    parts.add(watch); // last: what no part took ends the run or is ignored

    auto outcome = run_until_stopped(process.loop, parts, watch.tick_interval());
    parts.stop(outcome);
    sample(stats, *monitor);
    if (outcome.engine_without_driver)
        std::quick_exit(finish(outcome, stats, options));
    if (outcome.status == exit_tempfail)
        stalled_stop.emplace(process.limits.stalled_stop, exit_tempfail,
                             "the stalled engine's stop");
    if (process.runs_again) {
        connections->close();
        monitor->close();
    }
    spdlog::info("stopping: {}", outcome.reason);
    return finish(outcome, stats, options);
}

} // namespace jack_server::detail
