// SPDX-License-Identifier: GPL-2.0-or-later
// Server and Driver as the Python package has them. Everything that may run
// libjackserver's engine (create, open, start, stop, close, destroy) runs with
// the GIL released, so JACK's threads can call Python output functions and
// other Python threads keep running.
#include "binding.hpp"

#include <jack_server/error.hpp>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace jack_server::python {

namespace {

// Every Server alive, to stop at interpreter exit. Guarded by the GIL.
std::set<ServerBox*>& live_servers() {
    static auto* servers = new std::set<ServerBox*>;
    return *servers;
}

// Runs action on the server with the GIL released and the server's mutex held.
template <typename Action> void without_gil(ServerBox& box, Action action) {
    py::gil_scoped_release release;
    std::lock_guard lock(box.mutex);
    action(*box.server);
}

// Runs read on the server with its mutex held (and the GIL): what a Python
// thread reads or writes while another starts or stops the server.
template <typename Read> auto locked(ServerBox& box, Read read) {
    ServerLock lock(box);
    return read(lock.server());
}

// What start() does: open only (_open), open and start (start), or start a
// server that must already be open (_start).
enum class StartMode { open, open_and_start, start_open };

// The Python package's messages first ("Server couldn't be opened"), then
// the library's reason.
void start(ServerBox& box, StartMode mode) {
    try {
        without_gil(box, [mode](Server& server) {
            // libjackserver's start on a server never opened crashes (the
            // Python package's _start() does): refused here. Checked under
            // the lock, so no other thread closes it in between.
            if (mode == StartMode::start_open && !server.is_open())
                throw ServerNotOpenedError("it is not open (call start(), or _open() first)");
            if (mode == StartMode::open)
                server.open();
            else
                server.start();
        });
    } catch (const ServerNotOpenedError& e) {
        throw ServerNotOpenedError(std::string(mode == StartMode::start_open
                                                   ? "Server couldn't be started: "
                                                   : "Server couldn't be opened: ") +
                                       e.what(),
                                   e.hint());
    } catch (const ServerNotStartedError& e) {
        throw ServerNotStartedError(std::string("Server couldn't be started: ") + e.what(),
                                    e.hint());
    }
}

void stop(ServerBox& box) {
    without_gil(box, [](Server& server) { server.stop(); });
}

Parameter driver_parameter(const Driver& driver, const char* name) {
    auto parameter = driver.params().find(name);
    if (!parameter)
        // As the Python package: a parameter the driver lacks is a missing key.
        throw py::key_error("driver '" + driver.name() + "' has no parameter '" + name + "'");
    return *parameter;
}

void set_server_parameter(const Server& server, const char* name, const py::object& value) {
    if (!value.is_none())
        set_from_python(server.params().at(name), value);
}

void set_driver_parameter(const Driver& driver, const char* name, const py::object& value) {
    if (!value.is_none())
        set_from_python(driver_parameter(driver, name), value);
}

std::string joined_driver_names(const Server& server) {
    std::string names;
    for (const auto& driver : server.drivers())
        names += (names.empty() ? "" : ", ") + driver.name();
    return names;
}

SharedServer make_server(const py::object& name, const py::object& sync, const py::object& realtime,
                         const std::string& driver, const py::object& device,
                         const py::object& rate, const py::object& period,
                         const py::object& nperiods) {
    auto box = std::make_shared<ServerBox>();
    std::optional<std::string> missing_driver;
    {
        py::gil_scoped_release release;
        // Only the driver's plugin: loading all of them takes tens of
        // milliseconds. An unknown name loads them all, for the message.
        box->server = std::make_unique<Server>(std::vector<std::string>{driver});
        try {
            box->server->select_driver(driver);
        } catch (const DriverNotFoundError&) {
            missing_driver = joined_driver_names(*box->server);
        }
    }
    live_servers().insert(box.get());
    if (missing_driver)
        throw DriverNotFoundError("Driver not found: " + driver + " (libjackserver has " +
                                  *missing_driver + ")");
    const Server& server = *box->server;
    set_server_parameter(server, "name", name);
    set_server_parameter(server, "sync", sync);
    set_server_parameter(server, "realtime", realtime);
    auto master = server.driver();
    set_driver_parameter(master, "device", device);
    set_driver_parameter(master, "rate", rate);
    set_driver_parameter(master, "period", period);
    set_driver_parameter(master, "nperiods", nperiods);
    return box;
}

py::object server_parameter(ServerBox& box, const char* name) {
    return locked(box,
                  [name](Server& server) { return to_python(server.params().at(name).value()); });
}

void write_server_parameter(ServerBox& box, const char* name, py::handle value) {
    locked(box,
           [name, value](Server& server) { set_from_python(server.params().at(name), value); });
}

// Every installed driver, for _get_driver_by_name() of one the server did not
// load: a Server loads only its driver's plugin, jack_server 0.2.0's loads
// them all. Made on first use (tens of milliseconds), never freed: views of
// it may live until the interpreter's end.
SharedServer full_catalog() {
    static SharedServer* catalog = nullptr;
    static std::once_flag made;
    py::gil_scoped_release release;
    std::call_once(made, [] {
        auto server = std::make_unique<Server>();
        auto box = std::make_shared<ServerBox>();
        box->server = std::move(server);
        catalog = new SharedServer(std::move(box));
    });
    return *catalog;
}

std::optional<Driver> find_driver(ServerBox& box, const std::string& name) {
    return locked(box, [&name](Server& server) -> std::optional<Driver> {
        try {
            return server.get_driver(name);
        } catch (const DriverNotFoundError&) {
            return std::nullopt;
        }
    });
}

// jack_server 0.2.0's Server._get_driver_by_name: any installed driver, master
// or slave, by name; DriverNotFoundError "Driver not found: NAME" otherwise.
DriverView driver_by_name(const SharedServer& box, const std::string& name) {
    if (auto driver = find_driver(*box, name))
        return DriverView{box, *driver};
    auto catalog = full_catalog();
    if (auto driver = find_driver(*catalog, name))
        return DriverView{catalog, *driver};
    auto names = locked(*catalog, [](Server& server) { return joined_driver_names(server); });
    throw DriverNotFoundError("Driver not found: " + name + " (libjackserver has " + names + ")");
}

// A property of the driver, read or written under its server's lock.
template <typename Access> auto with_driver(const DriverView& view, Access access) {
    ServerLock lock(*view.owner);
    return access(view.driver);
}

void driver_property(py::class_<DriverView>& cls, const char* name, const char* doc,
                     bool as_text = false) {
    cls.def_property(
        name,
        [name, as_text](const DriverView& d) {
            return with_driver(d, [name, as_text](const Driver& driver) -> py::object {
                auto value = driver_parameter(driver, name).value();
                if (as_text)
                    return py::str(std::get<std::string>(value));
                return to_python(value);
            });
        },
        [name](const DriverView& d, py::handle v) {
            with_driver(d, [name, v](const Driver& driver) {
                set_from_python(driver_parameter(driver, name), v);
            });
        },
        doc);
}

void bind_driver(py::module_& m) {
    py::class_<DriverView> cls(
        m, "Driver",
        "A driver (alsa, dummy, net, ...): the server's master driver, or one by name.");
    cls.def_property_readonly("name", [](const DriverView& d) {
        return with_driver(d, [](const Driver& driver) { return driver.name(); });
    });
    driver_property(cls, "device",
                    "The device (str). KeyError when the driver has no device parameter.", true);
    driver_property(cls, "rate", "The sample rate in Hz: any rate the driver accepts.");
    driver_property(cls, "period", "Frames per period.");
    driver_property(cls, "nperiods",
                    "Periods of the device's buffer. KeyError when the driver has none.");
    cls.def_property_readonly(
           "params",
           [](const DriverView& d) {
               return with_driver(d, [&d](const Driver& driver) {
                   return parameter_dict(d.owner, driver.params());
               });
           },
           "The driver's parameters by libjackserver's names.")
        .def("__repr__", [](const DriverView& d) {
            return with_driver(d, [](const Driver& driver) {
                return "<jack_server.Driver name=" + driver.name() + ">";
            });
        });
}

} // namespace

ServerLock::ServerLock(ServerBox& box) : box_(box), lock_(box.mutex, std::defer_lock) {
    if (lock_.try_lock())
        return;
    if (in_output_function)
        throw Error("the server is starting or stopping on another thread; an output function "
                    "called by JACK's threads cannot wait for it");
    py::gil_scoped_release release;
    lock_.lock();
}

ServerBox::~ServerBox() {
    live_servers().erase(this);
    if (!server)
        return;
    // Stopping runs JACK's threads, which may call Python output functions.
    py::gil_scoped_release release;
    std::lock_guard lock(mutex);
    server.reset();
}

void stop_all_servers() {
    auto servers = live_servers();
    for (auto* box : servers)
        if (box->server)
            stop(*box);
}

void bind_server(py::module_& m) {
    bind_driver(m);
    py::class_<ServerBox, SharedServer>(m, "Server", "A JACK server in this process.")
        .def(py::init(&make_server), py::kw_only(), py::arg("name") = py::none(),
             py::arg("sync") = py::none(), py::arg("realtime") = py::none(), py::arg("driver"),
             py::arg("device") = py::none(), py::arg("rate") = py::none(),
             py::arg("period") = py::none(), py::arg("nperiods") = py::none(),
             "A server with the driver selected; arguments left out keep libjackserver's "
             "defaults. DriverNotFoundError for an unknown driver, KeyError for device= or "
             "nperiods= on a driver without them, ValueError for a value refused.")
        .def(
            "start", [](ServerBox& box) { start(box, StartMode::open_and_start); },
            "Opens, then starts the server. Does nothing when it runs.")
        .def(
            "stop", [](ServerBox& box) { stop(box); },
            "Stops, then closes the server. Does nothing when it is not open.")
        .def(
            "_open", [](ServerBox& box) { start(box, StartMode::open); }, "Opens the server only.")
        .def(
            "_start", [](ServerBox& box) { start(box, StartMode::start_open); },
            "Starts an open server.")
        .def(
            "_stop", [](ServerBox& box) { stop(box); }, "Stops and closes the server.")
        .def(
            "_close", [](ServerBox& box) { stop(box); }, "Stops and closes the server.")
        .def("_get_driver_by_name", &driver_by_name, py::arg("name"),
             "Any installed driver by name, as jack_server 0.2.0 has it. DriverNotFoundError "
             "when there is none; a driver other than the server's belongs to a catalog of "
             "every plugin, so setting its parameters changes nothing this server opens.")
        .def("__enter__",
             [](ServerBox& box) -> ServerBox& {
                 start(box, StartMode::open_and_start);
                 return box;
             })
        .def("__exit__",
             [](ServerBox& box, const py::args&) {
                 stop(box);
                 return false;
             })
        .def_property(
            "name", [](ServerBox& box) { return locked(box, [](Server& s) { return s.name(); }); },
            [](ServerBox& box, py::handle name) {
                locked(box, [name](Server& server) {
                    // A running server keeps its name in JACK's registry and
                    // files until it stops; renaming it then would strand them.
                    if (server.is_open())
                        throw Error("cannot rename server '" + server.name() +
                                    "' while it is open: stop() it first");
                    set_from_python(server.params().at("name"), name);
                });
            },
            "The server's name (JACK_DEFAULT_SERVER of its clients).")
        .def_property(
            "sync", [](ServerBox& box) { return server_parameter(box, "sync"); },
            [](ServerBox& box, py::handle v) { write_server_parameter(box, "sync", v); })
        .def_property(
            "realtime", [](ServerBox& box) { return server_parameter(box, "realtime"); },
            [](ServerBox& box, py::handle v) { write_server_parameter(box, "realtime", v); })
        .def_property_readonly("driver",
                               [](const SharedServer& box) {
                                   return locked(*box, [&box](Server& server) {
                                       return DriverView{box, server.driver()};
                                   });
                               })
        .def_property_readonly(
            "params",
            [](const SharedServer& box) {
                return locked(
                    *box, [&box](Server& server) { return parameter_dict(box, server.params()); });
            },
            "The server's parameters by libjackserver's names.")
        // The box holds its Server from construction to its end: no lock needed.
        .def_property_readonly("_created",
                               [](const ServerBox& box) { return box.server != nullptr; })
        .def_property_readonly(
            "_opened",
            [](ServerBox& box) { return locked(box, [](Server& s) { return s.is_open(); }); })
        .def_property_readonly(
            "_started",
            [](ServerBox& box) { return locked(box, [](Server& s) { return s.is_started(); }); })
        .def("__repr__", [](ServerBox& box) {
            return locked(box, [](Server& server) {
                return "<jack_server.Server driver=" + server.driver().name() +
                       " started=" + (server.is_started() ? "True" : "False") + ">";
            });
        });
}

} // namespace jack_server::python
