// SPDX-License-Identifier: GPL-2.0-or-later
// The Python module jack_server._jack_server over the control library: what
// its parts (errors, output, parameter, server) share.
#pragma once

#include <jack_server/parameter.hpp>
#include <jack_server/server.hpp>
#include <memory>
#include <mutex>
#include <pybind11/pybind11.h>

namespace jack_server::python {

namespace py = pybind11;

// One Server, shared by the Python objects that view it (Driver, Parameter):
// a view keeps its server alive, so no view outlives what it points into.
// The mutex serialises what runs with the GIL released (start, stop), which
// another Python thread could otherwise call at the same time.
struct ServerBox {
    std::mutex mutex;
    std::unique_ptr<Server> server;
    ~ServerBox();
};
using SharedServer = std::shared_ptr<ServerBox>;

struct DriverView {
    SharedServer owner;
    Driver driver;
};

struct ParameterView {
    SharedServer owner;
    Parameter parameter;
};

// Parameters by libjackserver's own names, as the Python package has them.
py::dict parameter_dict(const SharedServer& owner, const ParameterList& list);

// A parameter's value as Python sees it: int, int, bytes of one byte, bytes, bool.
py::object to_python(const ParameterValue& value);
// Checks a Python value against the parameter (TypeError for the wrong type,
// ValueError with the library's message for one it refuses) and stores it.
void set_from_python(Parameter parameter, py::handle value);

// Stops every server still running; at interpreter exit, before Python goes.
void stop_all_servers();

void bind_errors(py::module_& m);
void bind_output(py::module_& m);
void bind_parameter(py::module_& m);
void bind_server(py::module_& m);

} // namespace jack_server::python
