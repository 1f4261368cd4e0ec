#pragma once

#include "jack_server/parameter.hpp"

#include <jack/jslist.h>
#include <string>
#include <vector>

namespace jack_server::detail {

// Every element of one of jackctl's JSLists, cast to T*.
template <typename T> std::vector<T*> elements(const JSList* list) {
    std::vector<T*> result;
    for (; list != nullptr; list = list->next)
        result.push_back(static_cast<T*>(list->data));
    return result;
}

inline ParameterList parameter_list(const JSList* list, const std::string& owner) {
    std::vector<Parameter> parameters;
    for (auto* handle : elements<jackctl_parameter>(list))
        parameters.emplace_back(handle, owner);
    return ParameterList(owner, std::move(parameters));
}

} // namespace jack_server::detail
