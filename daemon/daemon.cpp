// SPDX-License-Identifier: GPL-2.0-or-later
#include "daemon.hpp"

#include "background.hpp"
#include "card_keeper.hpp"
#include "command.hpp"
#include "config/config_apply.hpp"
#include "config/options.hpp"
#include "deadline.hpp"
#include "device_reservation.hpp"
#include "errors.hpp"
#include "exit_status.hpp"
#include "jack_server/parameter_text.hpp"
#include "monitor.hpp"
#include "notifier.hpp"
#include "os/event_loop.hpp"
#include "patchbay.hpp"
#include "pid_file.hpp"
#include "private_shm.hpp"
#include "reload.hpp"
#include "replace_file.hpp"
#include "run_loop.hpp"
#include "server_registry.hpp"
#include "stats.hpp"
#include "wait_device.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace jack_server {

namespace {

// When the card's holder refused it, that is the whole story: JACK's own
// lines only say the device "cannot be acquired".
void refused_card(const Server& server, const detail::SessionBusReservation* reservation) {
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
    RunningServer(Server& server, const Config& config, const detail::Limits& limits,
                  detail::Notifier& notifier, detail::EventLoop& loop,
                  const detail::SessionBusReservation* reservation)
        : server_(server), notifier_(notifier) {
        auto without_temporary = config;
        without_temporary.server.erase("temporary");
        apply_parameters(server, without_temporary);
        auto open = [&] {
            return detail::open_waiting(server, config.daemon.wait_device, limits.device_retry,
                                        notifier, loop);
        };
        try {
            opened_ =
                config.daemon.unique_name ? detail::open_under_unique_name(server, open) : open();
            if (!opened_)
                return;
            add_slaves(server, config);
            server.start();
        } catch (const ServerNotOpenedError&) {
            server.stop();
            refused_card(server, reservation);
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
    detail::Notifier& notifier_;
    bool opened_ = false;
};

// The daemon's device reservation, installed for the libjackserver in this
// process until the scope ends.
class InstalledReservation {
public:
    explicit InstalledReservation(std::shared_ptr<detail::SessionBusReservation> reservation)
        : reservation_(std::move(reservation)) {
        set_device_reservation(reservation_);
    }
    ~InstalledReservation() { set_device_reservation(nullptr); }
    InstalledReservation(const InstalledReservation&) = delete;
    InstalledReservation& operator=(const InstalledReservation&) = delete;

    detail::SessionBusReservation* get() const { return reservation_.get(); }

private:
    std::shared_ptr<detail::SessionBusReservation> reservation_;
};

// The value the server runs with: the Config's, or libjackserver's default.
template <typename T>
T server_setting(const Server& server, const Config& config, const std::string& name) {
    auto given = config.server.find(name);
    return std::get<T>(given != config.server.end() ? given->second.value
                                                    : server.params().at(name).value());
}

// --private-shm. In a user namespace no capability reaches the scheduler, only
// RLIMIT_RTPRIO does: a realtime server that cannot have it is refused here,
// in one line, rather than started without realtime after JACK's error lines
// (what libjackserver does when it is refused realtime).
void enter_private_shm(const Server& server, const Config& config) {
    auto began = std::chrono::steady_clock::now();
    auto made = detail::enter_private_shm();
    auto took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began);
    spdlog::debug("a private /dev/shm, in a {} namespace of its own, in {:.2f} ms",
                  made.user_namespace ? "user and mount" : "mount", took.count());
    if (!made.user_namespace || !server_setting<bool>(server, config, "realtime"))
        return;
    auto priority = server_setting<std::int32_t>(server, config, "realtime-priority");
    if (!detail::realtime_allowed(priority))
        throw detail::PrivateShmRefused(fmt::format(
            "--private-shm: realtime scheduling at priority {} is refused in a user namespace "
            "(RLIMIT_RTPRIO is {}); give -r, or run as root, or raise RLIMIT_RTPRIO to {}",
            priority, detail::realtime_limit(), priority));
}

int finish(const detail::Outcome& outcome, const detail::Stats& stats,
           const DaemonOptions& options) {
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

} // namespace

int run_daemon(Server& server, const Config& config, const detail::Limits& limits) {
    const auto& options = config.daemon;
    std::optional<int> background_fd;
    if (options.background) {
        auto forked = detail::fork_background();
        if (forked.parent_status)
            return *forked.parent_status;
        background_fd = forked.ready_fd;
    }
    // While the process has one thread: before the event loop and
    // libjackserver start any.
    if (options.private_shm)
        enter_private_shm(server, config);
    // Made before libjackserver starts its threads, so they all inherit the
    // blocked signals and only this thread takes them, through the loop.
    // SIGCHLD: the end of -- COMMAND.
    auto loop =
        detail::make_event_loop({SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, SIGCHLD});
    spdlog::debug("event loop: {}", loop->name());
    ::signal(SIGPIPE, SIG_IGN);
    detail::Notifier notifier(options.ready_fd, background_fd);
    std::optional<detail::PidFile> pid_file;
    if (options.pid_file)
        pid_file.emplace(*options.pid_file);
    if (options.stats_file)
        detail::check_replaceable(*options.stats_file, "stats file");

    // Declared before the server so they outlive the server's stop: the stop
    // still notifies the monitor, and a stalled engine's stop is guarded.
    std::optional<detail::Monitor> monitoring;
    std::optional<detail::Patchbay> patchbay;
    std::optional<detail::Deadline> stalled_stop;
    // Outlives the server: JACK releases the card as it stops.
    InstalledReservation reservation(
        detail::make_device_reservation(options.no_audio_reservation, limits.reservation_reply));
    RunningServer running(server, config, limits, notifier, *loop, reservation.get());
    // After the server: ended before it stops.
    std::optional<detail::Command> command;
    if (!running.opened())
        return exit_ok;
    // Uptime counts from here, the engine running, so it spans every cycle
    // the monitor counts from its opening on.
    detail::Stats stats(server.driver().name(), device_opened(server));
    auto temporary =
        config.server.contains("temporary") && std::get<bool>(config.server.at("temporary").value);
    auto& monitor = monitoring.emplace(server.name(), temporary, *loop);
    load_internals(server, config);
    // [[connect]]: opened once there are entries, on start or a reload.
    auto keep_connections = [&](const std::vector<ConnectRule>& rules) {
        if (!patchbay && rules.empty())
            return;
        if (!patchbay)
            patchbay.emplace(server.name(), *loop);
        patchbay->set_rules(rules);
        patchbay->apply();
        stats.set_unmatched(patchbay->unmatched());
    };
    keep_connections(config.connections);

    stats.sample(monitor.cycles(), monitor.xruns(), monitor.dsp_load(), monitor.sample_rate(),
                 monitor.period());
    spdlog::info("started {}", describe(server));
    notifier.ready(options.unique_name ? server.name() : std::string());
    notifier.status(stats.status());
    if (!config.command.empty()) {
        try {
            command.emplace(config.command, server.name(), options.private_shm);
        } catch (const detail::CommandNotRun& e) {
            spdlog::error("{}", e.what());
            return e.status();
        }
        spdlog::debug("running '{}' (pid {})", command->name(), command->pid());
    }

    detail::RunSettings settings;
    settings.stall_timeout = options.stall_timeout;
    settings.longest_tick = limits.tick;
    settings.command = command ? &*command : nullptr;
    settings.woken = [&] {
        if (patchbay && patchbay->ports_changed()) {
            patchbay->apply();
            stats.set_unmatched(patchbay->unmatched());
        }
    };
    Config running_config = config;
    bool server_lost = false;
    // --fallback: what happens when the card goes away and comes back.
    std::optional<detail::CardKeeper> card_keeper;
    if (options.fallback) {
        card_keeper.emplace(detail::CardKeeper::Parts{server, monitor, stats, notifier,
                                                      reservation.get(), running_config,
                                                      [&](const Config& running) {
                                                          keep_connections(running.connections);
                                                      }},
                            detail::Fallback::parse(*options.fallback), limits,
                            resolved_duration(config, "daemon.reload-timeout"),
                            resolved_duration(config, "daemon.card-return-hold"));
        settings.fall_back = [&](const std::string& lost) { return card_keeper->fall_back(lost); };
        settings.ticked = [&] { return card_keeper->tick(); };
    }
    if (config.reread)
        settings.reload = [&] {
            detail::Deadline deadline(resolved_duration(config, "daemon.reload-timeout"),
                                      exit_tempfail, "reload");
            auto reloaded = reload_from_sources(server, running_config, [&](Config& wanted) {
                if (card_keeper)
                    card_keeper->before_reload(wanted);
            });
            running_config = std::move(reloaded.running);
            server_lost = reloaded.server_lost;
            if (card_keeper)
                card_keeper->reloaded(reloaded);
            if (!server_lost)
                keep_connections(running_config.connections);
            return !server_lost;
        };
    auto outcome = detail::run_until_stopped(*loop, monitor, notifier, stats, settings);
    if (command && command->running()) {
        spdlog::info("ending '{}': {}", command->name(), outcome.reason);
        command->end(*loop, limits.command_grace);
    }
    stats.sample(monitor.cycles(), monitor.xruns(), monitor.dsp_load(), monitor.sample_rate(),
                 monitor.period());
    if (server_lost || (card_keeper && card_keeper->server_lost())) {
        // The engine runs no driver; stopping it would crash libjackserver
        // (see ReloadResult::server_lost). Report, then end at once.
        auto status = finish(outcome, stats, options);
        pid_file.reset();
        std::_Exit(status);
    }
    if (outcome.status == exit_tempfail)
        stalled_stop.emplace(limits.stalled_stop, exit_tempfail, "the stalled engine's stop");
    spdlog::info("stopping: {}", outcome.reason);
    return finish(outcome, stats, options);
}

} // namespace jack_server
