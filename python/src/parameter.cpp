// SPDX-License-Identifier: GPL-2.0-or-later
// Parameter: one of libjackserver's parameters, as the Python package has it:
// name, type (1 int, 2 uint, 3 char, 4 string, 5 bool) and value (int, int,
// bytes of one byte, bytes, bool). Setting a value checks it with the
// library: the wrong Python type is TypeError, a value the parameter refuses
// ValueError naming the parameter and what it accepts.
#include "binding.hpp"

#include <climits>
#include <cstdint>
#include <jack_server/parameter_text.hpp>
#include <limits>

namespace jack_server::python {

namespace {

// jackctl's numbering (JackParamInt = 1 ... JackParamBool = 5), which the
// Python package exposes as Parameter.type.
int jackctl_type(ParameterType type) {
    return static_cast<int>(type) + 1;
}

const char* python_type_name(ParameterType type) {
    switch (type) {
    case ParameterType::int32:
    case ParameterType::uint32:
        return "an int";
    case ParameterType::character:
        return "one character (bytes or str of length 1)";
    case ParameterType::string:
        return "a str or bytes";
    case ParameterType::boolean:
        return "a bool";
    }
    return "?";
}

[[noreturn]] void wrong_type(const Parameter& parameter, py::handle value) {
    std::string owner = parameter.owner().empty() ? "" : parameter.owner() + ": ";
    throw py::type_error(owner + "parameter '" + parameter.name() + "' takes " +
                         python_type_name(parameter.type()) + ", not " +
                         py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>());
}

ParameterValue integer_from_python(const Parameter& parameter, py::handle value) {
    if (PyBool_Check(value.ptr()) || !PyLong_Check(value.ptr()))
        wrong_type(parameter, value);
    int overflow = 0;
    long long n = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
    if (overflow == 0 && n >= std::numeric_limits<std::int32_t>::min() &&
        n <= std::numeric_limits<std::int32_t>::max())
        return static_cast<std::int32_t>(n);
    if (overflow == 0 && n >= 0 && n <= std::numeric_limits<std::uint32_t>::max())
        return static_cast<std::uint32_t>(n);
    // Beyond both of JACK's integer types: the library refuses the digits with
    // the same words it refuses any other value.
    return py::str(value).cast<std::string>();
}

std::string text_from_python(const Parameter& parameter, py::handle value) {
    std::string text;
    if (PyBytes_Check(value.ptr()))
        text = value.cast<py::bytes>().cast<std::string>();
    else if (PyUnicode_Check(value.ptr()))
        text = value.cast<std::string>();
    else
        wrong_type(parameter, value);
    if (text.find('\0') != std::string::npos)
        throw py::value_error("the value for '" + parameter.name() + "' contains a NUL byte");
    return text;
}

ParameterValue from_python(const Parameter& parameter, py::handle value) {
    switch (parameter.type()) {
    case ParameterType::int32:
    case ParameterType::uint32:
        return integer_from_python(parameter, value);
    case ParameterType::character: {
        auto text = text_from_python(parameter, value);
        // A longer word is a choice's description ("shaped" for 's'), which
        // the library reads as its letter.
        if (text.size() == 1)
            return text[0];
        return text;
    }
    case ParameterType::string:
        return text_from_python(parameter, value);
    case ParameterType::boolean:
        if (!PyBool_Check(value.ptr()))
            wrong_type(parameter, value);
        return value.ptr() == Py_True;
    }
    wrong_type(parameter, value);
}

// A parameter read or written under its server's lock.
template <typename Access> auto with_parameter(const ParameterView& view, Access access) {
    ServerLock lock(*view.owner);
    return access(view.parameter);
}

std::string repr(const ParameterView& view) {
    return with_parameter(view, [](const Parameter& p) {
        return "<jack_server.Parameter name=" + py::repr(py::str(p.name())).cast<std::string>() +
               " value=" + py::str(to_python(p.value())).cast<std::string>() + ">";
    });
}

} // namespace

py::object to_python(const ParameterValue& value) {
    return std::visit(
        [](const auto& v) -> py::object {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, char>)
                return py::bytes(&v, 1);
            else if constexpr (std::is_same_v<T, std::string>)
                return py::bytes(v);
            else if constexpr (std::is_same_v<T, bool>)
                return py::bool_(v);
            else
                return py::int_(v);
        },
        value);
}

void set_from_python(Parameter parameter, py::handle value) {
    parameter.set_value(from_python(parameter, value));
}

py::dict parameter_dict(const SharedServer& owner, const ParameterList& list) {
    py::dict params;
    for (const auto& parameter : list)
        params[py::str(parameter.name())] = py::cast(ParameterView{owner, parameter});
    return params;
}

void bind_parameter(py::module_& m) {
    py::class_<ParameterView>(m, "Parameter",
                              "One of libjackserver's parameters of a server or driver.")
        .def_property_readonly(
            "name",
            [](const ParameterView& p) {
                return with_parameter(p, [](const Parameter& q) { return q.name(); });
            },
            "libjackserver's name for it ('rate', 'realtime-priority', ...).")
        .def_property_readonly(
            "type",
            [](const ParameterView& p) {
                return with_parameter(p, [](const Parameter& q) { return jackctl_type(q.type()); });
            },
            "1 int, 2 uint, 3 char, 4 string, 5 bool (jackctl's numbering).")
        .def_property(
            "value",
            [](const ParameterView& p) {
                return with_parameter(p, [](const Parameter& q) { return to_python(q.value()); });
            },
            [](const ParameterView& p, py::handle value) {
                with_parameter(p, [value](const Parameter& q) { set_from_python(q, value); });
            },
            "int, int, bytes of one byte, bytes or bool, by type. Setting it checks the value: "
            "TypeError for the wrong type, ValueError naming what the parameter accepts.")
        .def_property_readonly(
            "default",
            [](const ParameterView& p) {
                return with_parameter(
                    p, [](const Parameter& q) { return to_python(q.default_value()); });
            },
            "libjackserver's default value.")
        .def_property_readonly(
            "description",
            [](const ParameterView& p) {
                return with_parameter(p, [](const Parameter& q) { return q.short_description(); });
            },
            "libjackserver's one-line description.")
        .def_property_readonly(
            "expected",
            [](const ParameterView& p) {
                return with_parameter(p, [](const Parameter& q) { return describe_expected(q); });
            },
            "What the parameter accepts, in words ('a whole number from 1 to 99').")
        .def("__repr__", &repr);
}

} // namespace jack_server::python
