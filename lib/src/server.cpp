// SPDX-License-Identifier: GPL-2.0-or-later
#include "jack_server/server.hpp"

#include "device_reservation_hooks.hpp"
#include "jack_handles.hpp"
#include "jack_server/error.hpp"
#include "library_file.hpp"
#include "output_capture.hpp"
#include "plugin_folder.hpp"
#include "semaphore_leftovers.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <jack/control.h>
#include <utility>

namespace jack_server {

namespace {

// JACK's own reason for a failure, as reported through its error function
// while the call ran: "failed to open server 'x': <reason>".
std::string with_reason(std::string what, detail::ErrorMark mark) {
    auto reasons = detail::errors_since(mark);
    if (reasons.empty())
        return what;
    return fmt::format("{}: {}", what, fmt::join(reasons, "; "));
}

} // namespace

void Server::Destroy::operator()(Handle* server) const noexcept {
    jackctl_server_destroy(reinterpret_cast<jackctl_server*>(server));
}

namespace {

// JACK2's libjackserver always offers server parameters (name, realtime, ...).
// One that offers none is a stub that cannot run a server, such as PipeWire's
// (LD_LIBRARY_PATH or pw-jack puts it before JACK2's): say which file it is and
// what to do, rather than fail later on a missing parameter.
[[noreturn]] void refuse_library() {
    auto file = detail::libjackserver_file();
    throw LibraryError(fmt::format(
        "{} cannot run a server: it offers no server parameters (PipeWire's libjackserver is "
        "such a stub); run JACK clients under PipeWire's own JACK support (pw-jack) instead, "
        "or let the loader find JACK2's libjackserver (check LD_LIBRARY_PATH)",
        file.empty() ? std::string("the libjackserver loaded") : "'" + file.string() + "'"));
}

jackctl_server* create_server() {
    detail::install_output_handlers();
    auto* server = jackctl_server_create2(detail::acquire_device, detail::release_device,
                                          detail::serve_device_reservation);
    if (server == nullptr)
        throw Error("libjackserver could not create a server object");
    if (jackctl_server_get_parameters(server) == nullptr) {
        jackctl_server_destroy(server);
        refuse_library();
    }
    return server;
}

} // namespace

Server::Server() : handle_(JackHandles::server(create_server())) {}

Server::Server(const std::vector<std::string>& plugins) {
    plugin_dir_ = detail::with_plugins_only(
        plugins, [this] { handle_.reset(JackHandles::server(create_server())); });
    if (!handle_)
        handle_.reset(JackHandles::server(create_server()));
}

Server::Server(const ServerOptions& options) : Server() {
    select_driver(options.driver);
    if (options.name)
        set_name(*options.name);
    if (options.sync)
        set_sync(*options.sync);
    if (options.realtime)
        set_realtime(*options.realtime);
    if (options.device)
        master_->set_device(*options.device);
    if (options.rate)
        master_->set_rate(*options.rate);
    if (options.period)
        master_->set_period(*options.period);
    if (options.nperiods)
        master_->set_nperiods(*options.nperiods);
}

Server::~Server() {
    stop();
}

Server::Server(Server&& other) noexcept
    : plugin_dir_(std::move(other.plugin_dir_)), handle_(std::move(other.handle_)),
      master_(std::exchange(other.master_, std::nullopt)),
      state_(std::exchange(other.state_, State::closed)) {}

Server& Server::operator=(Server&& other) noexcept {
    if (this != &other) {
        stop();
        handle_ = std::move(other.handle_);
        plugin_dir_ = std::move(other.plugin_dir_);
        master_ = std::exchange(other.master_, std::nullopt);
        state_ = std::exchange(other.state_, State::closed);
    }
    return *this;
}

void Server::open() {
    if (state_ != State::closed)
        return;
    auto master = driver();
    auto mark = detail::error_mark();
    if (!jackctl_server_open(JackHandles::of(*this), JackHandles::of(master))) {
        auto message = with_reason(
            fmt::format("cannot open server '{}' with driver '{}'", name(), master.name()), mark);
        detail::remove_semaphore_leftovers(name());
        throw ServerNotOpenedError(message);
    }
    state_ = State::open;
}

void Server::start() {
    open();
    if (state_ == State::started)
        return;
    auto mark = detail::error_mark();
    if (!jackctl_server_start(JackHandles::of(*this))) {
        auto message = with_reason(fmt::format("cannot start server '{}'", name()), mark);
        stop();
        throw ServerNotStartedError(message);
    }
    state_ = State::started;
}

void Server::stop() noexcept {
    if (!handle_)
        return;
    if (state_ == State::started)
        jackctl_server_stop(JackHandles::of(*this));
    if (state_ != State::closed) {
        jackctl_server_close(JackHandles::of(*this));
        try {
            detail::remove_semaphore_leftovers(name());
        } catch (...) {
            // name() reads a parameter; stop() never throws.
        }
    }
    state_ = State::closed;
}

std::string Server::name() const {
    return std::get<std::string>(params().at("name").value());
}
void Server::set_name(const std::string& name) {
    params().at("name").set_value(name);
}
bool Server::sync() const {
    return std::get<bool>(params().at("sync").value());
}
void Server::set_sync(bool sync) {
    params().at("sync").set_value(sync);
}
bool Server::realtime() const {
    return std::get<bool>(params().at("realtime").value());
}
void Server::set_realtime(bool realtime) {
    params().at("realtime").set_value(realtime);
}

ParameterList Server::params() const {
    return JackHandles::parameters(jackctl_server_get_parameters(JackHandles::of(*this)), "");
}

Driver Server::driver() const {
    if (!master_)
        throw DriverNotFoundError("no driver selected for the server");
    return *master_;
}

void Server::select_driver(std::string_view name) {
    auto driver = get_driver(name);
    if (driver.type() != DriverType::master)
        throw ParameterError(fmt::format(
            "driver '{}' is a slave driver; it cannot run the server (add it as a slave)", name));
    master_ = driver;
}

std::vector<Driver> Server::drivers() const {
    std::vector<Driver> result;
    for (auto* list = jackctl_server_get_drivers_list(JackHandles::of(*this)); list != nullptr;
         list = list->next)
        result.push_back(JackHandles::driver(list->data));
    return result;
}

std::vector<InternalClient> Server::internal_clients() const {
    std::vector<InternalClient> result;
    for (auto* list = jackctl_server_get_internals_list(JackHandles::of(*this)); list != nullptr;
         list = list->next)
        result.push_back(JackHandles::internal_client(list->data));
    return result;
}

Driver Server::get_driver(std::string_view name) const {
    for (const auto& driver : drivers())
        if (driver.name() == name)
            return driver;
    throw DriverNotFoundError(fmt::format("no driver named '{}'", name));
}

InternalClient Server::get_internal_client(std::string_view name) const {
    for (const auto& internal : internal_clients())
        if (internal.name() == name)
            return internal;
    throw Error(fmt::format("no internal client named '{}'", name));
}

// wanted == open: open and not yet started; wanted == started: open or started.
void Server::require_state(State wanted, std::string_view action) const {
    if (wanted == State::open && state_ != State::open)
        throw ServerNotOpenedError(
            fmt::format("cannot {}: the server must be open and not yet started", action));
    if (wanted == State::started && state_ == State::closed)
        throw ServerNotOpenedError(fmt::format("cannot {}: the server is not open", action));
}

void Server::add_slave(const Driver& slave) {
    require_state(State::open, fmt::format("add slave driver '{}'", slave.name()));
    if (slave.type() != DriverType::slave)
        throw ParameterError(
            fmt::format("driver '{}' is a master driver, not a slave driver", slave.name()));
    auto mark = detail::error_mark();
    if (!jackctl_server_add_slave(JackHandles::of(*this), JackHandles::of(slave)))
        throw Error(with_reason(fmt::format("cannot add slave driver '{}'", slave.name()), mark));
}

void Server::add_loopback(std::uint32_t ports) {
    auto loopback = get_driver("loopback");
    loopback.params().at("channels").set_value(ports);
    add_slave(loopback);
}

void Server::load_internal_client(const InternalClient& internal) {
    require_state(State::started, fmt::format("load internal client '{}'", internal.name()));
    auto mark = detail::error_mark();
    if (!jackctl_server_load_internal(JackHandles::of(*this), JackHandles::of(internal)))
        throw Error(
            with_reason(fmt::format("cannot load internal client '{}'", internal.name()), mark));
}

void Server::unload_internal_client(const InternalClient& internal) {
    require_state(State::started, fmt::format("unload internal client '{}'", internal.name()));
    auto mark = detail::error_mark();
    if (!jackctl_server_unload_internal(JackHandles::of(*this), JackHandles::of(internal)))
        throw Error(
            with_reason(fmt::format("cannot unload internal client '{}'", internal.name()), mark));
}

void Server::load_session_file(const std::string& path) {
    require_state(State::started, fmt::format("load session file '{}'", path));
    auto mark = detail::error_mark();
    if (!jackctl_server_load_session_file(JackHandles::of(*this), path.c_str()))
        throw Error(with_reason(fmt::format("cannot load session file '{}'", path), mark));
}

void Server::switch_master(const Driver& driver) {
    if (state_ != State::started)
        throw ServerNotStartedError(
            fmt::format("cannot switch to driver '{}': the server is not running", driver.name()));
    if (driver.type() != DriverType::master)
        throw ParameterError(fmt::format("driver '{}' is a slave driver", driver.name()));
    auto mark = detail::error_mark();
    if (!jackctl_server_switch_master(JackHandles::of(*this), JackHandles::of(driver)))
        throw Error(with_reason(fmt::format("cannot switch to driver '{}'", driver.name()), mark));
    master_ = driver;
}

} // namespace jack_server
