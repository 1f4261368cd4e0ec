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
// Open, start, stop and destroy run with the GIL released, so another Python
// thread may call into the same server meanwhile: every call that reaches the
// Server, its drivers or its parameters holds the mutex (ServerLock). It is
// recursive because JACK calls the output functions on the thread that is
// starting the server, and a Python output function may read that server.
struct ServerBox {
    std::recursive_mutex mutex;
    std::unique_ptr<Server> server; // set before Python sees the box, reset at its end
    ~ServerBox();
};
using SharedServer = std::shared_ptr<ServerBox>;

// True while a Python output function runs on this thread (output.cpp).
extern thread_local bool in_output_function;

// The server's mutex for the life of a call. It waits with the GIL released:
// the thread holding the mutex may be starting the server, and JACK's threads
// need the GIL to call Python output functions. An output function called on
// another thread than the one holding it does not wait (start or stop may be
// waiting for that very thread): it raises JackServerError.
class ServerLock {
public:
    explicit ServerLock(ServerBox& box);
    Server& server() const { return *box_.server; }

private:
    ServerBox& box_;
    std::unique_lock<std::recursive_mutex> lock_;
};

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
