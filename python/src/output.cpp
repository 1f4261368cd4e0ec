// SPDX-License-Identifier: GPL-2.0-or-later
// set_info_function and set_error_function with Python callables. JACK calls
// them from its own threads, with the GIL released by whoever started the
// server; each call takes the GIL. At interpreter exit the Python callables
// are replaced by a writer to stderr before Python goes: a JACK thread that
// took the GIL during finalisation would be ended by Python mid-call.
#include "binding.hpp"

#include <atomic>
#include <cstdio>
#include <jack_server/output.hpp>
#include <utility>

namespace jack_server::python {

namespace {

// What each slot holds, so that exit knows which ones call Python.
enum class Slot { jack_default, silenced, python };
Slot info_slot = Slot::jack_default;
Slot error_slot = Slot::jack_default;

// Read by JACK's threads.
std::atomic<bool> exiting = false;

void print_to_stderr(std::string_view message) {
    std::fprintf(stderr, "%.*s\n", static_cast<int>(message.size()), message.data());
}

bool python_is_going() {
#if PY_VERSION_HEX >= 0x030D0000
    return exiting || Py_IsFinalizing();
#else
    return exiting || _Py_IsFinalizing();
#endif
}

OutputFunction wrap(py::function callback) {
    // The last copy of the callable may be dropped on any thread: take the GIL
    // for it, and leak it once Python is going.
    auto held =
        std::shared_ptr<py::function>(new py::function(std::move(callback)), [](py::function* f) {
            if (python_is_going()) {
                f->release();
                delete f;
                return;
            }
            py::gil_scoped_acquire gil;
            delete f;
        });
    return [held](std::string_view message) {
        if (python_is_going()) {
            print_to_stderr(message);
            return;
        }
        py::gil_scoped_acquire gil;
        // JACK's messages are mostly ASCII; a device name may not be UTF-8.
        PyObject* text = PyUnicode_DecodeUTF8(message.data(),
                                              static_cast<Py_ssize_t>(message.size()), "replace");
        if (text == nullptr) {
            PyErr_WriteUnraisable(held->ptr());
            return;
        }
        bool outer = std::exchange(in_output_function, true);
        PyObject* result = PyObject_CallOneArg(held->ptr(), text);
        in_output_function = outer;
        Py_DECREF(text);
        if (result == nullptr)
            // An exception in a callback cannot reach the code that started
            // the server (it runs on JACK's thread): sys.unraisablehook shows it.
            PyErr_WriteUnraisable(held->ptr());
        else
            Py_DECREF(result);
    };
}

void set(Slot& slot, void (*install)(OutputFunction), const py::object& callback) {
    OutputFunction function;
    Slot kind = Slot::silenced;
    if (!callback.is_none()) {
        if (!PyCallable_Check(callback.ptr()))
            throw py::type_error("expected a callable taking one str, or None; got " +
                                 py::repr(callback).cast<std::string>());
        function = wrap(py::reinterpret_borrow<py::function>(callback));
        kind = Slot::python;
    }
    {
        // The library waits until no call of the replaced function runs; such a
        // call may be waiting for the GIL.
        py::gil_scoped_release release;
        install(std::move(function));
    }
    slot = kind;
}

void on_exit() {
    stop_all_servers();
    exiting = true;
    py::gil_scoped_release release;
    if (info_slot == Slot::python)
        set_info_function(print_to_stderr);
    if (error_slot == Slot::python)
        set_error_function(print_to_stderr);
}

} // namespace

thread_local bool in_output_function = false;

void bind_output(py::module_& m) {
    m.def(
        "set_info_function",
        [](const py::object& callback) { set(info_slot, set_info_function, callback); },
        py::arg("callback").none(true),
        "Where libjackserver's informational messages go: a callable taking each message "
        "as str, or None to silence them.");
    m.def(
        "set_error_function",
        [](const py::object& callback) { set(error_slot, set_error_function, callback); },
        py::arg("callback").none(true),
        "Where libjackserver's error messages go: a callable taking each message as str, "
        "or None to silence them.");
    py::module_::import("atexit").attr("register")(py::cpp_function(on_exit));
}

} // namespace jack_server::python
