// SPDX-License-Identifier: GPL-2.0-or-later
// The library's errors as the Python package's: JackServerError (a
// RuntimeError) and its three subclasses; ParameterError is ValueError.
#include "binding.hpp"

#include <jack_server/error.hpp>

namespace jack_server::python {

namespace {

// Owned for the life of the process: a translator may run until the
// interpreter's last moment, and a static py::object would be released after it.
PyObject* jack_server_error = nullptr;
PyObject* driver_not_found_error = nullptr;
PyObject* server_not_opened_error = nullptr;
PyObject* server_not_started_error = nullptr;

PyObject* new_exception(py::module_& m, const char* name, PyObject* base, const char* doc) {
    // Named jack_server.X: the package re-exports them, and that is where
    // users (and pickle) look for them.
    auto qualified = std::string("jack_server.") + name;
    PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base, nullptr);
    if (type == nullptr)
        throw py::error_already_set();
    m.add_object(name, py::reinterpret_borrow<py::object>(type));
    return type;
}

std::string with_hint(const Error& error) {
    std::string message = error.what();
    if (!error.hint().empty())
        message += "; " + error.hint();
    return message;
}

} // namespace

void bind_errors(py::module_& m) {
    jack_server_error = new_exception(m, "JackServerError", PyExc_RuntimeError,
                                      "The base of the errors jack_server raises.");
    driver_not_found_error = new_exception(m, "DriverNotFoundError", jack_server_error,
                                           "libjackserver has no driver of that name.");
    server_not_opened_error =
        new_exception(m, "ServerNotOpenedError", jack_server_error,
                      "The server could not be opened (device busy or missing, name in use, ...).");
    server_not_started_error = new_exception(m, "ServerNotStartedError", jack_server_error,
                                             "The server was opened but could not be started.");

    py::register_exception_translator([](std::exception_ptr error) {
        try {
            if (error)
                std::rethrow_exception(error);
        } catch (const DriverNotFoundError& e) {
            PyErr_SetString(driver_not_found_error, with_hint(e).c_str());
        } catch (const ServerNotOpenedError& e) {
            PyErr_SetString(server_not_opened_error, with_hint(e).c_str());
        } catch (const ServerNotStartedError& e) {
            PyErr_SetString(server_not_started_error, with_hint(e).c_str());
        } catch (const ParameterError& e) {
            PyErr_SetString(PyExc_ValueError, with_hint(e).c_str());
        } catch (const Error& e) {
            PyErr_SetString(jack_server_error, with_hint(e).c_str());
        }
    });
}

} // namespace jack_server::python
