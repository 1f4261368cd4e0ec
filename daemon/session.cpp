// SPDX-License-Identifier: GPL-2.0-or-later
#include "session.hpp"

#include "cards/device_identity.hpp"
#include "config/config_apply.hpp"
#include "config/duration.hpp"
#include "config/options.hpp"
#include "engine/deadline.hpp"
#include "engine/monitor.hpp"
#include "engine/realtime_state.hpp"
#include "engine/server_registry.hpp"
#include "engine/stats.hpp"
#include "engine/wait_device.hpp"
#include "errors.hpp"
#include "exit_status.hpp"
#include "explain/explanations.hpp"
#include "explain/open_failure.hpp"
#include "explain/rate_taken.hpp"
#include "jack_server/server.hpp"
#include "log.hpp"
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
#include <set>

namespace jack_server::detail {

namespace {

// When the card's holder refused it, that is the whole story: JACK's own
// lines only say the device "cannot be acquired".
void refused_card(const Server& server, const SessionBusReservation* reservation) {
    auto refusal = reservation ? reservation->refusal() : std::nullopt;
    if (refusal)
        throw ServerNotOpenedError(fmt::format("cannot open server '{}': {}", server.name(),
                                               explain_reservation_refused(*refusal)));
}

// JACK's own lines are logged as they come; the failure's summary says what
// they mean for a common failure (explain/), with its fix, instead of
// repeating them joined.
void explained(const Server& server, const DaemonOptions& options) {
    auto why = explain_open_failure(server);
    if (!why)
        return;
    if (options.wait_device)
        *why += fmt::format(" (gave up after waiting {} for the device)",
                            format_duration(*options.wait_device));
    throw ServerNotOpenedError(fmt::format("cannot open server '{}': {}", server.name(), *why));
}

// A device named by identity (usb:, id:, path:) becomes hw:N as the cards are
// numbered now: before each try to open, so --wait-device waits for a card
// that is not plugged in yet.
// said: the resolutions logged by the tries before.
void resolve_devices(Server& server, const PluginConfig& driver, std::set<std::string>& said) {
    auto resolved = with_devices_resolved(driver, &said);
    for (auto parameter : server.driver().params()) {
        auto setting = resolved.params.find(parameter.name());
        if (setting != resolved.params.end())
            parameter.set_value(setting->second.value);
    }
}

// The started engine, as a scope: configured, opened (waiting for the device
// with --wait-device), its slaves added and started; STOPPING=1 and stopped
// when the scope ends. -T is the daemon's (see Monitor), not libjackserver's.
class RunningServer {
public:
    RunningServer(Server& server, const Config& config, const ProcessParts& process)
        : server_(server), notifier_(process.notifier), process_ends_(!process.runs_again) {
        auto without_temporary = config;
        without_temporary.server.erase("temporary");
        apply_parameters(server, without_temporary);
        std::set<std::string> said;
        auto open = [&] {
            return open_waiting(server, config.daemon.wait_device, process.limits.device_retry,
                                process.notifier, process.loop,
                                [&] { resolve_devices(server, config.driver, said); });
        };
        try {
            opened_ = config.daemon.unique_name ? open_under_unique_name(server, open) : open();
            if (!opened_)
                return;
            add_slaves(server, config);
            server.start();
        } catch (const DeviceNotFoundError&) {
            server.stop(); // a name no card matches says so itself
            throw;
        } catch (const ServerNotOpenedError&) {
            server.stop();
            refused_card(server, process.reservation);
            explained(server, config.daemon);
            throw;
        } catch (...) {
            server.stop();
            throw;
        }
    }
    ~RunningServer() {
        if (!opened_)
            return;
        // The service stops only with the process: a controller's StopServer
        // leaves it running.
        if (process_ends_)
            notifier_.stopping();
        server_.stop();
        log::info("server '{}' stopped", server_.name());
    }
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;

    bool opened() const { return opened_; }

private:
    Server& server_;
    Notifier& notifier_;
    bool process_ends_;
    bool opened_ = false;
};

bool temporary(const Config& config) {
    auto setting = config.server.find("temporary");
    return setting != config.server.end() && std::get<bool>(setting->second.value);
}

// The status to exit with, the summary line and the stats file.
int finish(const Outcome& outcome, const Stats& stats, const DaemonOptions& options) {
    int status = outcome.status;
    if (status == exit_ok && options.max_xruns && stats.xruns() > *options.max_xruns) {
        log::error("{} xruns, more than the {} allowed (--max-xruns)", stats.xruns(),
                   *options.max_xruns);
        status = exit_assertion_failed;
    }
    log::at(status == exit_ok ? log::Level::info : log::Level::error, "exit status {}: {}; {}",
            status, outcome.reason, stats.line());
    if (options.stats_file) {
        try {
            stats.write_json(*options.stats_file, status);
        } catch (const FileError& e) {
            // A CI job reads the figures: a run whose file is missing did not pass.
            log::error("{}", e.what());
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
    // Always there, so that a reload may declare the first card; it opens
    // nothing while no card is declared.
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

    stats.sample(*monitor);
    log::info("started {}", describe(server, realtime_shortfall(server)));
    if (auto rate = explain_rate_taken(server, monitor->sample_rate()))
        log::warn("{}", *rate);
    process.notifier.ready(options.unique_name ? server.name() : std::string());
    process.notifier.status(stats.status());
    if (process.controller) {
        process.controller->on_ready(server, *monitor);
        parts.add(*process.controller);
    }
    std::optional<CommandRunner> command;
    if (!config.command.empty()) {
        try {
            command.emplace(config.command, server.name(), options.private_shm, process.loop,
                            process.limits.command_grace);
        } catch (const CommandNotRun& e) {
            log::error("{}", e.what());
            return e.status();
        }
        parts.add(*command);
    }
    parts.add(watch); // last: what no part took ends the run or is ignored

    auto outcome = run_until_stopped(process.loop, parts, watch.tick_interval());
    parts.stop(outcome);
    stats.sample(*monitor);
    if (outcome.engine_without_driver)
        std::quick_exit(finish(outcome, stats, options));
    if (outcome.status == exit_tempfail)
        stalled_stop.emplace(process.limits.stalled_stop, exit_tempfail,
                             "the stalled engine's stop");
    if (process.runs_again) {
        connections->close();
        monitor->close();
    }
    log::info("stopping: {}", outcome.reason);
    return finish(outcome, stats, options);
}

} // namespace jack_server::detail
