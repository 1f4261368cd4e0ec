// SPDX-License-Identifier: GPL-2.0-or-later
#include "daemon.hpp"

#include "background.hpp"
#include "command.hpp"
#include "config/config_apply.hpp"
#include "deadline.hpp"
#include "errors.hpp"
#include "exit_status.hpp"
#include "jack_server/parameter_text.hpp"
#include "monitor.hpp"
#include "notifier.hpp"
#include "os/event_loop.hpp"
#include "pid_file.hpp"
#include "private_shm.hpp"
#include "reload.hpp"
#include "replace_file.hpp"
#include "run_loop.hpp"
#include "stats.hpp"
#include "wait_device.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace jack_server {

namespace {

std::optional<std::string> device_of(const Server& server) {
    auto params = server.driver().params();
    for (const auto& parameter : params)
        if (parameter.name() == "device")
            return format_value(parameter.value());
    return std::nullopt;
}

// The started engine, as a scope: configured, opened (waiting for the device
// with --wait-device), its slaves added and started; STOPPING=1 and stopped
// when the scope ends. -T is the daemon's (see Monitor), not libjackserver's.
class RunningServer {
public:
    RunningServer(Server& server, const Config& config, const detail::Limits& limits,
                  detail::Notifier& notifier, detail::EventLoop& loop)
        : server_(server), notifier_(notifier) {
        auto without_temporary = config;
        without_temporary.server.erase("temporary");
        apply_parameters(server, without_temporary);
        try {
            opened_ = detail::open_waiting(server, config.daemon.wait_device, limits.device_retry,
                                           notifier, loop);
            if (!opened_)
                return;
            add_slaves(server, config);
            server.start();
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
    std::optional<detail::Deadline> stalled_stop;
    RunningServer running(server, config, limits, notifier, *loop);
    // After the server: ended before it stops.
    std::optional<detail::Command> command;
    if (!running.opened())
        return exit_ok;
    // Uptime counts from here, the engine running, so it spans every cycle
    // the monitor counts from its opening on.
    detail::Stats stats(server.driver().name(), device_of(server));
    auto temporary =
        config.server.contains("temporary") && std::get<bool>(config.server.at("temporary").value);
    auto& monitor = monitoring.emplace(server.name(), temporary, *loop);
    load_internals(server, config);

    stats.sample(monitor.cycles(), monitor.xruns(), monitor.dsp_load(), monitor.sample_rate(),
                 monitor.period());
    spdlog::info("started {}", describe(server));
    notifier.ready();
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

    detail::RunSettings settings{
        options.stall_timeout, {}, limits.tick, command ? &*command : nullptr};
    Config running_config = config;
    bool server_lost = false;
    if (config.reread)
        settings.reload = [&] {
            detail::Deadline deadline(options.reload_timeout.value_or(limits.reload), exit_tempfail,
                                      "reload");
            auto reloaded = reload_from_sources(server, running_config);
            running_config = std::move(reloaded.running);
            server_lost = reloaded.server_lost;
            return !server_lost;
        };
    auto outcome = detail::run_until_stopped(*loop, monitor, notifier, stats, settings);
    if (command && command->running()) {
        spdlog::info("ending '{}': {}", command->name(), outcome.reason);
        command->end(*loop, limits.command_grace);
    }
    stats.sample(monitor.cycles(), monitor.xruns(), monitor.dsp_load(), monitor.sample_rate(),
                 monitor.period());
    if (server_lost) {
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
