// SPDX-License-Identifier: GPL-2.0-or-later
// org.jackaudio.Configure, as jackdbus's controller_iface_configure.c answers
// it, over the parameter tree (parameter_tree.hpp).
#include "dbus/controller_state.hpp"
#include "dbus/reply.hpp"
#include "jack_server/error.hpp"
#include "log.hpp"

#include <string>
#include <vector>

namespace jack_server::detail {

namespace {

constexpr std::size_t address_size = 3; // jackdbus's PARAM_ADDRESS_SIZE

ControllerState& state_of(void* data) {
    return *static_cast<ControllerState*>(data);
}

// Reads the address; nothing (with the error set) when it is too long.
std::optional<std::vector<std::string>> read_address(sd_bus_message* call, sd_bus_error* error,
                                                     int& status) {
    char** parts = nullptr;
    status = sd_bus_message_read_strv(call, &parts);
    if (status < 0)
        return std::nullopt;
    std::vector<std::string> address;
    for (char** part = parts; part && *part; ++part) {
        address.emplace_back(*part);
        free(*part);
    }
    free(parts);
    if (address.size() > address_size) {
        status = sd_bus_error_setf(error, bus_error::invalid_args,
                                   "Invalid arguments to method '%s'. Parameter address array "
                                   "must contain not more than %u elements.",
                                   sd_bus_message_get_member(call), unsigned(address_size));
        return std::nullopt;
    }
    return address;
}

int invalid_address(sd_bus_message* call, const std::vector<std::string>& address,
                    sd_bus_error* error) {
    // jackdbus prints the parts it was not given as glibc prints NULL.
    auto part = [&](std::size_t i) { return i < address.size() ? address[i] : "(null)"; };
    return sd_bus_error_setf(error, bus_error::invalid_args,
                             "Invalid container address '%s':'%s':'%s' supplied to method '%s'.",
                             part(0).c_str(), part(1).c_str(), part(2).c_str(),
                             sd_bus_message_get_member(call));
}

int append_value(sd_bus_message* message, char type, const ParameterValue& value) {
    switch (type) {
    case 'i':
        return sd_bus_message_append(message, "v", "i", std::get<std::int32_t>(value));
    case 'u':
        return sd_bus_message_append(message, "v", "u", std::get<std::uint32_t>(value));
    case 'y':
        return sd_bus_message_append(message, "v", "y", std::uint8_t(std::get<char>(value)));
    case 'b':
        return sd_bus_message_append(message, "v", "b", int(std::get<bool>(value)));
    default:
        return sd_bus_message_append(message, "v", "s", std::get<std::string>(value).c_str());
    }
}

int append_info(sd_bus_message* message, const TreeParameter& parameter) {
    return sd_bus_message_append(message, "(ysss)", std::uint8_t(parameter.type),
                                 parameter.name.c_str(), parameter.short_description.c_str(),
                                 parameter.long_description.c_str());
}

int read_container(sd_bus_message* call, void* data, sd_bus_error* error) {
    int status = 0;
    auto address = read_address(call, error, status);
    if (!address)
        return status;
    auto container = state_of(data).tree.container(*address);
    if (!container)
        return invalid_address(call, *address, error);
    return reply_with(call, [&](sd_bus_message* reply) {
        int appended = sd_bus_message_append(reply, "b", int(container->leaf));
        if (appended < 0)
            return appended;
        std::vector<const char*> names;
        for (const auto& child : container->children)
            names.push_back(child.c_str());
        names.push_back(nullptr);
        return sd_bus_message_append_strv(reply, const_cast<char**>(names.data()));
    });
}

int get_parameters_info(sd_bus_message* call, void* data, sd_bus_error* error) {
    int status = 0;
    auto address = read_address(call, error, status);
    if (!address)
        return status;
    auto parameters = state_of(data).tree.parameters(*address);
    if (!parameters)
        return invalid_address(call, *address, error);
    return reply_with(call, [&](sd_bus_message* reply) {
        int appended = sd_bus_message_open_container(reply, 'a', "(ysss)");
        for (const auto& parameter : *parameters)
            if (appended >= 0)
                appended = append_info(reply, parameter);
        return appended < 0 ? appended : sd_bus_message_close_container(reply);
    });
}

// The parameter at the call's address, or the error to return.
std::optional<TreeParameter> parameter_of(sd_bus_message* call, void* data, sd_bus_error* error,
                                          int& status) {
    auto address = read_address(call, error, status);
    if (!address)
        return std::nullopt;
    auto parameter = state_of(data).tree.parameter(*address);
    if (!parameter)
        status = invalid_address(call, *address, error);
    return parameter;
}

int get_parameter_info(sd_bus_message* call, void* data, sd_bus_error* error) {
    int status = 0;
    auto parameter = parameter_of(call, data, error, status);
    if (!parameter)
        return status;
    return reply_with(call, [&](sd_bus_message* reply) { return append_info(reply, *parameter); });
}

int get_parameter_constraint(sd_bus_message* call, void* data, sd_bus_error* error) {
    int status = 0;
    auto parameter = parameter_of(call, data, error, status);
    if (!parameter)
        return status;
    return reply_with(call, [&](sd_bus_message* reply) {
        int appended =
            sd_bus_message_append(reply, "bbb", int(parameter->is_range), int(parameter->is_strict),
                                  int(parameter->is_fake_value));
        if (appended >= 0)
            appended = sd_bus_message_open_container(reply, 'a', "(vs)");
        for (const auto& choice : parameter->values) {
            if (appended >= 0)
                appended = sd_bus_message_open_container(reply, 'r', "vs");
            if (appended >= 0)
                appended = append_value(reply, parameter->type, choice.value);
            if (appended >= 0)
                appended = sd_bus_message_append(reply, "s", choice.description.c_str());
            if (appended >= 0)
                appended = sd_bus_message_close_container(reply);
        }
        return appended < 0 ? appended : sd_bus_message_close_container(reply);
    });
}

int get_parameter_value(sd_bus_message* call, void* data, sd_bus_error* error) {
    int status = 0;
    auto parameter = parameter_of(call, data, error, status);
    if (!parameter)
        return status;
    return reply_with(call, [&](sd_bus_message* reply) {
        int appended = sd_bus_message_append(reply, "b", int(parameter->is_set()));
        if (appended >= 0)
            appended = append_value(reply, parameter->type, parameter->default_value());
        if (appended >= 0)
            appended = append_value(reply, parameter->type, parameter->value());
        return appended;
    });
}

// The variant's value, when its type is the parameter's.
int read_value(sd_bus_message* call, char type, ParameterValue& value, sd_bus_error* error) {
    char kind = 0;
    const char* contents = nullptr;
    if (sd_bus_message_peek_type(call, &kind, &contents) <= 0 || kind != 'v')
        return sd_bus_error_setf(error, bus_error::invalid_args,
                                 "Invalid arguments to method '%s'. Value to set must be variant.",
                                 sd_bus_message_get_member(call));
    if (std::string(contents) != std::string(1, type))
        return sd_bus_error_setf(error, bus_error::invalid_args,
                                 "Parameter value type mismatch: was expecting '%c', got '%c'",
                                 type, contents[0]);
    int entered = sd_bus_message_enter_container(call, 'v', contents);
    if (entered < 0)
        return entered;
    int read = 0;
    switch (type) {
    case 'i': {
        std::int32_t number = 0;
        read = sd_bus_message_read_basic(call, 'i', &number);
        value = number;
        break;
    }
    case 'u': {
        std::uint32_t number = 0;
        read = sd_bus_message_read_basic(call, 'u', &number);
        value = number;
        break;
    }
    case 'y': {
        std::uint8_t byte = 0;
        read = sd_bus_message_read_basic(call, 'y', &byte);
        value = char(byte);
        break;
    }
    case 'b': {
        int flag = 0;
        read = sd_bus_message_read_basic(call, 'b', &flag);
        value = flag != 0;
        break;
    }
    default: {
        const char* text = nullptr;
        read = sd_bus_message_read_basic(call, 's', &text);
        value = std::string(text ? text : "");
    }
    }
    return read < 0 ? read : sd_bus_message_exit_container(call);
}

int set_parameter_value(sd_bus_message* call, void* data, sd_bus_error* error) {
    int status = 0;
    auto parameter = parameter_of(call, data, error, status);
    if (!parameter)
        return status;
    ParameterValue value;
    if (int read = read_value(call, parameter->type, value, error); read < 0)
        return read;
    // jackdbus ignores a value libjackserver refuses and answers as if it
    // had been set; the caller is told here.
    try {
        parameter->set(value);
    } catch (const Error& e) {
        return sd_bus_error_setf(error, bus_error::invalid_args, "%s", e.what());
    }
    state_of(data).changed();
    return sd_bus_reply_method_return(call, "");
}

int reset_parameter_value(sd_bus_message* call, void* data, sd_bus_error* error) {
    int status = 0;
    auto parameter = parameter_of(call, data, error, status);
    if (!parameter)
        return status;
    try {
        parameter->reset();
    } catch (const Error& e) {
        return sd_bus_error_setf(error, bus_error::invalid_args, "%s", e.what());
    }
    state_of(data).changed();
    return sd_bus_reply_method_return(call, "");
}

} // namespace

const sd_bus_vtable configure_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD_WITH_NAMES("ReadContainer", "as", SD_BUS_PARAM(parent), "bas",
                             SD_BUS_PARAM(leaf) SD_BUS_PARAM(children), read_container, 0),
    SD_BUS_METHOD_WITH_NAMES("GetParametersInfo", "as", SD_BUS_PARAM(parent), "a(ysss)",
                             SD_BUS_PARAM(parameter_info_array), get_parameters_info, 0),
    SD_BUS_METHOD_WITH_NAMES("GetParameterInfo", "as", SD_BUS_PARAM(parameter), "(ysss)",
                             SD_BUS_PARAM(parameter_info), get_parameter_info, 0),
    SD_BUS_METHOD_WITH_NAMES("GetParameterConstraint", "as", SD_BUS_PARAM(parameter), "bbba(vs)",
                             SD_BUS_PARAM(is_range) SD_BUS_PARAM(is_strict)
                                 SD_BUS_PARAM(is_fake_value) SD_BUS_PARAM(values),
                             get_parameter_constraint, 0),
    SD_BUS_METHOD_WITH_NAMES("GetParameterValue", "as", SD_BUS_PARAM(parameter), "bvv",
                             SD_BUS_PARAM(is_set) SD_BUS_PARAM(default) SD_BUS_PARAM(value),
                             get_parameter_value, 0),
    SD_BUS_METHOD_WITH_NAMES("SetParameterValue", "asv",
                             SD_BUS_PARAM(parameter) SD_BUS_PARAM(value), "", , set_parameter_value,
                             0),
    SD_BUS_METHOD_WITH_NAMES("ResetParameterValue", "as", SD_BUS_PARAM(parameter), "", ,
                             reset_parameter_value, 0),
    SD_BUS_VTABLE_END};

} // namespace jack_server::detail
