// SPDX-License-Identifier: GPL-2.0-or-later
// Server and Driver as the Python package has them. Everything that may run
// libjackserver's engine (create, open, start, stop, close, destroy) runs with
// the GIL released, so JACK's threads can call Python output functions and
// other Python threads keep running.
#include "binding.hpp"

#include <jack_server/error.hpp>
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

Server& server_of(const ServerBox& box) {
    return *box.server;
}

// Runs action on the server with the GIL released and the server's mutex held.
template <typename Action> void without_gil(ServerBox& box, Action action) {
    py::gil_scoped_release release;
    std::lock_guard lock(box.mutex);
    action(*box.server);
}

// The Python package's messages first ("Server couldn't be opened"), then
// the library's reason.
void start(ServerBox& box, bool open_only) {
    try {
        without_gil(box, [open_only](Server& server) {
            if (open_only)
                server.open();
            else
                server.start();
        });
    } catch (const ServerNotOpenedError& e) {
        throw ServerNotOpenedError(std::string("Server couldn't be opened: ") + e.what(), e.hint());
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

py::object server_parameter(const ServerBox& box, const char* name) {
    return to_python(server_of(box).params().at(name).value());
}

std::string decoded(const ParameterValue& value) {
    return std::get<std::string>(value);
}

void bind_driver(py::module_& m) {
    py::class_<DriverView>(m, "Driver", "The server's master driver (alsa, dummy, net, ...).")
        .def_property_readonly("name", [](const DriverView& d) { return d.driver.name(); })
        .def_property(
            "device",
            [](const DriverView& d) {
                return decoded(driver_parameter(d.driver, "device").value());
            },
            [](const DriverView& d, py::handle v) {
                set_from_python(driver_parameter(d.driver, "device"), v);
            },
            "The device (str). KeyError when the driver has no device parameter.")
        .def_property(
            "rate",
            [](const DriverView& d) {
                return to_python(driver_parameter(d.driver, "rate").value());
            },
            [](const DriverView& d, py::handle v) {
                set_from_python(driver_parameter(d.driver, "rate"), v);
            },
            "The sample rate in Hz: any rate the driver accepts.")
        .def_property(
            "period",
            [](const DriverView& d) {
                return to_python(driver_parameter(d.driver, "period").value());
            },
            [](const DriverView& d, py::handle v) {
                set_from_python(driver_parameter(d.driver, "period"), v);
            },
            "Frames per period.")
        .def_property(
            "nperiods",
            [](const DriverView& d) {
                return to_python(driver_parameter(d.driver, "nperiods").value());
            },
            [](const DriverView& d, py::handle v) {
                set_from_python(driver_parameter(d.driver, "nperiods"), v);
            },
            "Periods of the device's buffer. KeyError when the driver has none.")
        .def_property_readonly(
            "params",
            [](const DriverView& d) { return parameter_dict(d.owner, d.driver.params()); },
            "The driver's parameters by libjackserver's names.")
        .def("__repr__", [](const DriverView& d) {
            return "<jack_server.Driver name=" + d.driver.name() + ">";
        });
}

} // namespace

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
            "start", [](ServerBox& box) { start(box, false); },
            "Opens, then starts the server. Does nothing when it runs.")
        .def(
            "stop", [](ServerBox& box) { stop(box); },
            "Stops, then closes the server. Does nothing when it is not open.")
        .def(
            "_open", [](ServerBox& box) { start(box, true); }, "Opens the server only.")
        .def(
            "_start",
            [](ServerBox& box) {
                // libjackserver's start on a server never opened crashes
                // (the Python package's _start() does): refuse it here.
                if (!server_of(box).is_open())
                    throw ServerNotOpenedError(
                        "Server couldn't be started: it is not open (call start(), or _open() "
                        "first)");
                start(box, false);
            },
            "Starts an open server.")
        .def(
            "_stop", [](ServerBox& box) { stop(box); }, "Stops and closes the server.")
        .def(
            "_close", [](ServerBox& box) { stop(box); }, "Stops and closes the server.")
        .def("__enter__",
             [](ServerBox& box) -> ServerBox& {
                 start(box, false);
                 return box;
             })
        .def("__exit__",
             [](ServerBox& box, const py::args&) {
                 stop(box);
                 return false;
             })
        .def_property(
            "name", [](const ServerBox& box) { return server_of(box).name(); },
            [](ServerBox& box, py::handle name) {
                // A running server keeps its name in JACK's registry and files
                // until it stops; renaming it then would strand them.
                if (server_of(box).is_open())
                    throw Error("cannot rename server '" + server_of(box).name() +
                                "' while it is open: stop() it first");
                set_from_python(server_of(box).params().at("name"), name);
            },
            "The server's name (JACK_DEFAULT_SERVER of its clients).")
        .def_property(
            "sync", [](const ServerBox& box) { return server_parameter(box, "sync"); },
            [](ServerBox& box, py::handle v) {
                set_from_python(server_of(box).params().at("sync"), v);
            })
        .def_property(
            "realtime", [](const ServerBox& box) { return server_parameter(box, "realtime"); },
            [](ServerBox& box, py::handle v) {
                set_from_python(server_of(box).params().at("realtime"), v);
            })
        .def_property_readonly("driver",
                               [](const SharedServer& box) {
                                   return DriverView{box, server_of(*box).driver()};
                               })
        .def_property_readonly(
            "params",
            [](const SharedServer& box) { return parameter_dict(box, server_of(*box).params()); },
            "The server's parameters by libjackserver's names.")
        .def_property_readonly("_created",
                               [](const ServerBox& box) { return box.server != nullptr; })
        .def_property_readonly("_opened",
                               [](const ServerBox& box) { return server_of(box).is_open(); })
        .def_property_readonly("_started",
                               [](const ServerBox& box) { return server_of(box).is_started(); })
        .def("__repr__", [](const ServerBox& box) {
            return "<jack_server.Server driver=" + server_of(box).driver().name() +
                   " started=" + (server_of(box).is_started() ? "True" : "False") + ">";
        });
}

} // namespace jack_server::python
