#include "jack_server/daemon.hpp"

#include "jack_server/config_apply.hpp"
#include "jack_server/exit_status.hpp"
#include "jack_server/reload.hpp"
#include "signal_fd.hpp"

#include <cstdlib>
#include <cstring>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace jack_server {

namespace {

// Why the daemon stops, for the log. libjackserver ends a -T server by
// sending SIGINT to its own process.
std::string stop_reason(const detail::ReceivedSignal& signal) {
    if (signal.number == SIGINT && signal.sender == getpid())
        return "the last client left (-T)";
    return fmt::format("received SIG{}", sigabbrev_np(signal.number));
}

// Opens, completes and starts the server; on failure stops what was started.
void start(Server& server, const Config& config) {
    apply_parameters(server, config);
    try {
        server.open();
        add_slaves(server, config);
        server.start();
        load_internals(server, config);
    } catch (...) {
        server.stop();
        throw;
    }
}

} // namespace

int run_daemon(Server& server, const Config& config) {
    // Block the signals before libjackserver starts its threads, so they all
    // inherit the mask and only this thread sees the signals, through the fd.
    detail::SignalFd signals{SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2};
    ::signal(SIGPIPE, SIG_IGN);

    start(server, config);
    spdlog::info("started {}", describe(server));

    Config running = config;
    for (;;) {
        auto signal = signals.wait();
        if (signal.number == SIGHUP && running.reread) {
            auto reloaded = reload_from_sources(server, running);
            running = std::move(reloaded.running);
            if (reloaded.server_lost)
                std::_Exit(exit_tempfail); // see ReloadResult::server_lost
            continue;
        }
        if (signal.number == SIGUSR1) {
            spdlog::info("running {}", describe(server));
            continue;
        }
        spdlog::info("stopping: {}", stop_reason(signal));
        break;
    }
    server.stop();
    spdlog::info("server '{}' stopped", server.name());
    return exit_ok;
}

} // namespace jack_server
