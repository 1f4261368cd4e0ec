// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "jack_server/driver.hpp"
#include "jack_server/internal_client.hpp"
#include "jack_server/parameter.hpp"
#include "jack_server/sample_rate.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jack_server {

// How to build a Server, as the Python package's constructor takes it. An option
// left empty keeps libjackserver's default.
struct ServerOptions {
    std::string driver; // required: "alsa", "dummy", "net", ...
    std::optional<std::string> name;
    std::optional<bool> sync;
    std::optional<bool> realtime;
    std::optional<std::string> device;
    std::optional<SampleRate> rate;
    std::optional<std::uint32_t> period;
    std::optional<std::uint32_t> nperiods;
};

// One JACK server in this process: owns libjackserver's server object and the
// engine it runs.
// Drivers, internal clients and parameters obtained from it are views that stay
// valid as long as the Server. Moving a Server keeps them valid.
class Server {
public:
    // A server with the options' driver selected and its options set.
    // Throws what Server() throws, DriverNotFoundError, ParameterError.
    explicit Server(const ServerOptions& options);
    // A server with no driver selected yet: enough to list what libjackserver
    // offers; select_driver() before start(). Throws LibraryError when the
    // libjackserver loaded cannot run a server (PipeWire's stub), Error when it
    // cannot create a server object.
    Server();
    // The same, loading only the plugins named (drivers and internal clients):
    // libjackserver otherwise loads every installed plugin, which takes tens of
    // milliseconds. Such a server knows only those plugins; an internal client
    // that a client loads later (jack_load) may still be any installed one.
    // When one of them is not installed, every plugin is loaded, so that
    // messages can name what exists. Throws Error as Server() does.
    explicit Server(const std::vector<std::string>& plugins);
    ~Server();

    Server(Server&& other) noexcept;
    Server& operator=(Server&& other) noexcept;
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Opens the engine with the selected master driver. Slave drivers, loopback
    // ports, internal clients and a session file are added between open() and
    // start(). Idempotent. Throws ServerNotOpenedError with JACK's reason.
    void open();
    // Opens if needed, then starts the engine. Idempotent.
    // Throws ServerNotOpenedError, ServerNotStartedError.
    void start();
    // Stops the engine and closes it (clients are told, shared memory and the
    // server's files are removed, with the semaphore files JACK itself leaves
    // in /dev/shm for this server name). Idempotent; never throws.
    void stop() noexcept;

    bool is_open() const { return state_ != State::closed; }
    bool is_started() const { return state_ == State::started; }

    std::string name() const;
    void set_name(const std::string& name);
    bool sync() const;
    void set_sync(bool sync);
    bool realtime() const;
    void set_realtime(bool realtime);
    // Every server parameter (name, realtime, realtime-priority, port-max, ...).
    ParameterList params() const;

    // The selected master driver. Throws DriverNotFoundError when none is selected.
    Driver driver() const;
    // Selects the master driver for open(). Throws DriverNotFoundError, and
    // ParameterError when the driver is a slave driver.
    void select_driver(std::string_view name);

    std::vector<Driver> drivers() const;
    std::vector<InternalClient> internal_clients() const;
    // Throws DriverNotFoundError.
    Driver get_driver(std::string_view name) const;
    // Throws Error naming the unknown internal client.
    InternalClient get_internal_client(std::string_view name) const;

    // Between open() and start(): libjackserver refuses slaves on a running
    // server. Throw ServerNotOpenedError when not open or already started, and
    // Error with JACK's reason when libjackserver refuses.
    void add_slave(const Driver& slave);
    void add_loopback(std::uint32_t ports);
    // Once open, best once started: an internal client loaded before start()
    // waits for the engine's first cycle. Throw ServerNotOpenedError when not
    // open, and Error with JACK's reason when libjackserver refuses.
    void load_internal_client(const InternalClient& internal);
    // Unloads an internal client loaded with load_internal_client. Throws
    // ServerNotOpenedError when not running, Error with JACK's reason when
    // libjackserver refuses (none of that name loaded).
    void unload_internal_client(const InternalClient& internal);
    void load_session_file(const std::string& path);

    // Replaces the master driver of a running server; clients stay connected,
    // but connections to the old driver's ports are dropped with its ports.
    // Throws ServerNotStartedError when not running, Error when JACK refuses.
    // libjackserver closes the old driver before opening the new one: after a
    // refusal the server has no driver, and stopping it may crash inside
    // libjackserver (JACK 1.9.21), so the caller should end the process.
    void switch_master(const Driver& driver);

private:
    friend struct JackHandles; // the library's bridge to libjackserver's types
    struct Handle;             // libjackserver's server, opaque to users
    enum class State { closed, open, started };
    struct Destroy {
        void operator()(Handle* server) const noexcept;
    };

    void require_state(State wanted, std::string_view action) const;

    // Declared before the handle, so destroyed after it: the private plugin
    // directory (if any) that libjackserver read the plugins from.
    std::shared_ptr<const void> plugin_dir_;
    std::unique_ptr<Handle, Destroy> handle_;
    std::optional<Driver> master_;
    State state_ = State::closed;
};

} // namespace jack_server
