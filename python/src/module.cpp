// SPDX-License-Identifier: GPL-2.0-or-later
// jack_server._jack_server: the control library's API as the Python package
// jack_server 0.2.0 has it. jack_server/__init__.py re-exports it.
#include "binding.hpp"

#include <jack_server/version.hpp>

PYBIND11_MODULE(_jack_server, m) {
    using namespace jack_server::python;
    m.doc() = "The jack_server control library (C++), as the Python package jack_server";
    bind_errors(m);
    bind_parameter(m);
    bind_server(m);
    bind_output(m);
    m.attr("__version__") = std::string(jack_server::version);
    m.def("jack_version", &jack_server::jack_version, "The version of the libjackserver loaded.");
}
