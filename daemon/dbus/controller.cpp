// SPDX-License-Identifier: GPL-2.0-or-later
#include "dbus/controller.hpp"

#include "config/config_apply.hpp"
#include "dbus/bus_watch.hpp"
#include "dbus/controller_state.hpp"
#include "dbus/graph.hpp"
#include "dbus/graph_client.hpp"
#include "dbus/introspectable.hpp"
#include "dbus/jackdbus_settings.hpp"
#include "dbus/name_owner.hpp"
#include "dbus/settings_file.hpp"
#include "engine/monitor.hpp"
#include "errors.hpp"
#include "exit_status.hpp"
#include "jack_server/error.hpp"
#include "jack_server/server.hpp"
#include "log.hpp"
#include "os/event_loop.hpp"
#include "process/device_reservation.hpp"
#include "process/notifier.hpp"

#include <cstring>
#include <filesystem>
#include <fmt/format.h>

namespace jack_server::detail {

namespace {

constexpr const char* service_name = "org.jackaudio.service";

bool stop_signal(int number) {
    return number == SIGINT || number == SIGTERM || number == SIGQUIT;
}

// The session bus connection with the controller's object on it.
class ControllerBus {
public:
    explicit ControllerBus(ControllerState& state) {
        int opened = sd_bus_open_user(&bus_);
        if (opened < 0)
            throw BusUnavailable(
                fmt::format("--dbus: cannot reach the session bus: {}", std::strerror(-opened)),
                "run it in a desktop session, or set DBUS_SESSION_BUS_ADDRESS");
        state.bus = bus_;
        // In jackdbus's order, which its introspection shows.
        std::vector<BusInterface> interfaces{{control_interface, control_vtable},
                                             {configure_interface, configure_vtable},
                                             {patchbay_interface, patchbay_vtable}};
        for (const auto& interface : interfaces)
            add(state, interface.name, interface.vtable);
        sd_bus_slot* introspection = nullptr;
        int answered = answer_introspection(bus_, &introspection, controller_object,
                                            introspection_xml(controller_object, interfaces));
        if (answered < 0)
            throw BusUnavailable(
                fmt::format("--dbus: cannot answer introspection: {}", std::strerror(-answered)));
        slots_.push_back(introspection);
        own_name(bus_, service_name);
    }
    ~ControllerBus() {
        for (auto* slot : slots_)
            sd_bus_slot_unref(slot);
        sd_bus_flush_close_unref(bus_);
    }
    ControllerBus(const ControllerBus&) = delete;
    ControllerBus& operator=(const ControllerBus&) = delete;

    sd_bus* get() const { return bus_; }

private:
    void add(ControllerState& state, const char* interface, const sd_bus_vtable* vtable) {
        sd_bus_slot* slot = nullptr;
        int added =
            sd_bus_add_object_vtable(bus_, &slot, controller_object, interface, vtable, &state);
        if (added < 0)
            throw BusUnavailable(
                fmt::format("--dbus: cannot add {}: {}", interface, std::strerror(-added)));
        slots_.push_back(slot);
    }

    sd_bus* bus_ = nullptr;
    std::vector<sd_bus_slot*> slots_;
};

// The part that each run of the server gets: hands the bus its calls
// while the server runs and ends the run on StopServer or Exit.
class Controller final : public ProcessPart {
public:
    Controller(Server& server, const Config& config, ProcessParts process)
        : base_(config), process_(process), state_(server), bus_(state_),
          watch_(sd_bus_get_fd(bus_.get()), process.loop) {
        process_.runs_again = true;
        process_.controller = this;
        load_settings();
        seed(server, config);
        state_.changed = [this] { save_settings(); };
    }
    ~Controller() override {
        reply_and_release(state_.start_call, bus_error::generic, "jack-server is exiting");
        reply_and_release(state_.stop_call);
    }

    int run();

    void on_ready(Server& server, Monitor& monitor) override {
        open_graph(server);
        served_ = true;
        state_.monitor = &monitor;
        state_.selection.started = true;
        state_.xruns_base = monitor.xruns();
        state_.emit("ServerStarted");
        reply_and_release(state_.start_call);
        flush();
    }
    SignalAnswer on_signal(const ReceivedSignal& signal) override {
        if (stop_signal(signal.number))
            stop_signal_ = signal.number; // the engine's watch ends the run
        if (signal.number == SIGHUP) {
            log::info("SIGHUP ignored: with --dbus the parameters come from D-Bus");
            return {.taken = true, .outcome = std::nullopt};
        }
        return {};
    }
    std::optional<Outcome> on_wake() override {
        follow_graph();
        if (!process_bus())
            return Outcome{exit_unavailable, "lost the session bus"};
        if (state_.driver_lost)
            return Outcome{exit_tempfail, "SwitchMaster left the engine without a driver", true};
        if (state_.exit_wanted)
            return Outcome{exit_ok, "Exit over D-Bus"};
        if (state_.stop_wanted)
            return Outcome{exit_ok, "StopServer over D-Bus"};
        return std::nullopt;
    }
    void on_stop(const Outcome&) override {
        if (state_.monitor)
            state_.xruns_after_stop = state_.xruns();
        state_.monitor = nullptr;
        close_graph();
    }

private:
    void load_settings();
    void save_settings();
    void seed(Server& server, const Config& config);
    Config run_config() const;
    void run_once();
    // false when the bus is lost.
    bool process_bus() noexcept;
    void open_graph(Server& server);
    void follow_graph();
    void close_graph();
    void flush() { sd_bus_flush(bus_.get()); }

    Config base_;
    ProcessParts process_;
    ControllerState state_;
    ControllerBus bus_;
    BusWatch watch_;
    std::optional<GraphClient> graph_client_;
    std::optional<Graph> graph_;
    std::optional<std::string> bus_lost_;
    int stop_signal_ = 0;
    bool served_ = false; // the current run served clients
    std::optional<std::string> settings_path_ = settings_path();
};

// The tree starts from what was set over D-Bus before: jack-server's own
// settings file, or, the first time, what jackdbus kept (then written to
// jack-server's file, so that jackdbus's is read once).
void Controller::load_settings() {
    if (!settings_path_) {
        log::warn("neither XDG_CONFIG_HOME nor HOME is set: the parameters set over D-Bus "
                  "are not kept");
        return;
    }
    if (std::filesystem::exists(*settings_path_)) {
        auto applied = apply_settings(state_.tree, read_settings(*settings_path_));
        log::debug("{} parameters from {}", applied, *settings_path_);
        return;
    }
    auto jackdbus = jackdbus_settings_path();
    if (!jackdbus || !std::filesystem::exists(*jackdbus))
        return;
    try {
        auto applied = apply_settings(state_.tree, read_jackdbus_settings(*jackdbus));
        log::info("{} parameters taken from jackdbus's {}; kept from now on in {}", applied,
                  *jackdbus, *settings_path_);
        save_settings();
    } catch (const ConfigError& e) {
        log::warn("{}: not taken", e.what());
    }
}

void Controller::save_settings() {
    if (!settings_path_)
        return;
    try {
        write_settings(*settings_path_, state_.tree);
    } catch (const FileError& e) {
        log::warn("{}", e.what());
    }
}

// The command line's (or config file's) parameters come over the saved
// ones, for this process. -T stays out: it would end a run when its last
// client leaves.
void Controller::seed(Server& server, const Config& config) {
    auto seeded = config;
    seeded.server.erase("temporary");
    if (seeded.driver.name.empty())
        seeded.driver.name = state_.selection.driver;
    else
        state_.selection.driver_set = true;
    apply_parameters(server, seeded);
    state_.selection.driver = seeded.driver.name;
    for (const auto& slave : config.slaves)
        state_.tree.add_slave(slave.name);
}

// The parameters set on libjackserver's objects, as a Config holds them.
ParameterSettings set_parameters(const ParameterList& list) {
    ParameterSettings settings;
    for (const auto& parameter : list)
        if (parameter.is_set())
            settings[parameter.name()] = Setting{parameter.value(), "D-Bus"};
    return settings;
}

// What one run applies: the Configure tree as it is now (the parameters on
// the Server's objects, the driver and slaves chosen), so that every part
// of the run reads what runs (the card keeper the device it watches).
Config Controller::run_config() const {
    auto config = base_;
    const auto& server = state_.server;
    config.server = set_parameters(server.params());
    config.driver =
        PluginConfig{state_.selection.driver,
                     set_parameters(server.get_driver(state_.selection.driver).params()), "D-Bus"};
    config.slaves.clear();
    for (const auto& slave : state_.selection.slaves)
        config.slaves.push_back(
            PluginConfig{slave, set_parameters(server.get_driver(slave).params()), "D-Bus"});
    for (auto& internal : config.internals)
        internal.params = set_parameters(server.get_internal_client(internal.name).params());
    config.reread = nullptr;
    return config;
}

bool Controller::process_bus() noexcept {
    if (bus_lost_)
        return false;
    for (;;) {
        int processed = sd_bus_process(bus_.get(), nullptr);
        if (processed < 0) {
            bus_lost_ = std::strerror(-processed);
            return false;
        }
        if (processed == 0)
            break;
    }
    flush();
    watch_.rearm();
    return true;
}

// JackPatchbay follows the graph from the moment the server serves clients:
// the ports already there first, as jackdbus catches up.
void Controller::open_graph(Server& server) {
    graph_client_.emplace(server.name(), process_.loop);
    graph_.emplace(bus_.get());
    for (const auto& port : graph_client_->ports())
        graph_->catch_up(port.name, port.flags, port.type);
    graph_->caught_up();
    state_.graph = &*graph_;
    state_.graph_client = graph_client_->client();
}

void Controller::follow_graph() {
    if (!graph_client_)
        return;
    for (const auto& event : graph_client_->take())
        graph_->apply(event);
}

// Before the server stops: every port and client goes, announced as
// jackdbus announces them; then the client closes.
void Controller::close_graph() {
    if (!graph_client_)
        return;
    follow_graph();
    graph_->clear();
    flush();
    state_.graph = nullptr;
    state_.graph_client = nullptr;
    graph_client_.reset();
    graph_.reset();
}

// One StartServer: the run, then the replies its end owes.
void Controller::run_once() {
    state_.start_wanted = false;
    state_.stop_wanted = false;
    served_ = false;
    try {
        auto status = run_session(state_.server, run_config(), process_);
        if (status != exit_ok)
            log::warn("the server's run ended with status {}", status);
    } catch (const ServerNotOpenedError& e) {
        log::error("{}", e.what());
        reply_and_release(state_.start_call, bus_error::generic, "Failed to open server");
    } catch (const ServerNotStartedError& e) {
        log::error("{}", e.what());
        reply_and_release(state_.start_call, bus_error::generic, "Failed to start server");
    } catch (const Error& e) {
        log::error("{}", e.what());
        reply_and_release(state_.start_call, bus_error::generic, e.what());
    }
    // No card is open between runs: one JACK could not release (unplugged,
    // it no longer answers to its name) goes back to the desktop now, and
    // the next StartServer can take it again.
    if (process_.reservation)
        process_.reservation->release_all();
    state_.monitor = nullptr;
    state_.selection.started = false;
    state_.stop_wanted = false;
    if (served_)
        state_.emit("ServerStopped");
    // A run that ended before serving clients still owes StartServer its
    // answer.
    reply_and_release(state_.start_call, bus_error::generic, "Failed to start server");
    reply_and_release(state_.stop_call);
    flush();
}

int Controller::run() {
    process_.notifier.ready();
    log::info("{} owned on the session bus; the server starts on StartServer", service_name);
    for (;;) {
        // Between runs STATUS= says so, not the last run's figures.
        if (!state_.start_wanted)
            process_.notifier.status("stopped: waiting for StartServer on org.jackaudio.service");
        if (!process_bus())
            throw BusUnavailable(fmt::format("--dbus: lost the session bus: {}", *bus_lost_));
        if (state_.exit_wanted || stop_signal_ != 0)
            break;
        if (state_.start_wanted) {
            run_once();
            continue;
        }
        auto event = process_.loop.wait();
        if (event.kind != Event::Kind::signal)
            continue;
        if (stop_signal(event.signal.number))
            stop_signal_ = event.signal.number;
        else if (event.signal.number == SIGHUP)
            log::info("SIGHUP ignored: with --dbus the parameters come from D-Bus");
    }
    log::info("exiting: {}", state_.exit_wanted ? "Exit over D-Bus" : "stop signal");
    process_.notifier.stopping();
    return exit_ok;
}

} // namespace

int run_controller(Server& server, const Config& config, const ProcessParts& process) {
    Controller controller(server, config, process);
    return controller.run();
}

} // namespace jack_server::detail
