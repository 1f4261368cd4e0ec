// SPDX-License-Identifier: GPL-2.0-or-later
#include "daemon.hpp"

#include "dbus/controller.hpp"
#include "log.hpp"
#include "os/event_loop.hpp"
#include "process/background.hpp"
#include "process/device_reservation.hpp"
#include "process/notifier.hpp"
#include "process/pid_file.hpp"
#include "process/private_shm.hpp"
#include "process/replace_file.hpp"
#include "session.hpp"

#include <chrono>

namespace jack_server {

namespace {

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
    log::debug("a private /dev/shm, in a {} namespace of its own, in {:.2f} ms",
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

} // namespace

// The process's scopes, in start-up order; each run of the server
// (run_session) uses them and they outlive it.
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
    log::debug("event loop: {}", loop->name());
    ::signal(SIGPIPE, SIG_IGN);
    detail::Notifier notifier(options.ready_fd, background_fd);
    std::optional<detail::PidFile> pid_file;
    if (options.pid_file)
        pid_file.emplace(*options.pid_file);
    if (options.stats_file)
        detail::check_replaceable(*options.stats_file, "stats file");
    // Outlives the server: JACK releases the card as it stops.
    InstalledReservation reservation(
        detail::make_device_reservation(options.no_audio_reservation, limits.reservation_reply));
    detail::ProcessParts process{*loop, notifier, reservation.get(), limits};
    if (options.dbus)
        return detail::run_controller(server, config, process);
    return detail::run_session(server, config, process);
}

} // namespace jack_server
