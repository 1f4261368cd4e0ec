// SPDX-License-Identifier: GPL-2.0-or-later
#include "dbus/introspectable.hpp"

#include <cstring>
#include <fmt/format.h>
#include <memory>
#include <string_view>

namespace jack_server::detail {

namespace {

// The length of the single complete type at the start of signature.
std::size_t complete_type(std::string_view signature) {
    if (signature.empty())
        return 0;
    if (signature[0] == 'a')
        return 1 + complete_type(signature.substr(1));
    if (signature[0] != '(' && signature[0] != '{')
        return 1;
    int depth = 0;
    for (std::size_t i = 0; i < signature.size(); ++i) {
        if (signature[i] == '(' || signature[i] == '{')
            ++depth;
        else if ((signature[i] == ')' || signature[i] == '}') && --depth == 0)
            return i + 1;
    }
    return signature.size();
}

std::vector<std::string> types(std::string_view signature) {
    std::vector<std::string> each;
    while (!signature.empty()) {
        auto length = complete_type(signature);
        each.emplace_back(signature.substr(0, length));
        signature.remove_prefix(length);
    }
    return each;
}

// Walks the NUL-separated names SD_BUS_PARAM lays out.
class Names {
public:
    explicit Names(const char* names) : next_(names) {}
    std::string take() {
        if (next_ == nullptr || *next_ == '\0')
            return {};
        std::string name(next_);
        next_ += name.size() + 1;
        return name;
    }

private:
    const char* next_;
};

void arguments(std::string& xml, const char* signature, Names& names, const char* direction) {
    for (const auto& type : types(signature ? signature : "")) {
        auto name = names.take();
        if (direction)
            xml += fmt::format("      <arg name=\"{}\" type=\"{}\" direction=\"{}\" />\n", name,
                               type, direction);
        else
            xml += fmt::format("      <arg name=\"{}\" type=\"{}\" />\n", name, type);
    }
}

void interface(std::string& xml, const BusInterface& described) {
    xml += fmt::format("  <interface name=\"{}\">\n", described.name);
    // Methods first, then signals, each in the table's order.
    for (auto kind : {'M', 'S'})
        for (const auto* entry = described.vtable; entry->type != '>'; ++entry) {
            if (entry->type != kind || (entry->flags & SD_BUS_VTABLE_HIDDEN) != 0)
                continue;
            if (kind == 'M') {
                xml += fmt::format("    <method name=\"{}\">\n", entry->x.method.member);
                Names names(entry->x.method.names);
                arguments(xml, entry->x.method.signature, names, "in");
                arguments(xml, entry->x.method.result, names, "out");
                xml += "    </method>\n";
            } else {
                xml += fmt::format("    <signal name=\"{}\">\n", entry->x.signal.member);
                Names names(entry->x.signal.names);
                arguments(xml, entry->x.signal.signature, names, nullptr);
                xml += "    </signal>\n";
            }
        }
    xml += "  </interface>\n";
}

struct Answer {
    std::string path, xml;
};

int on_message(sd_bus_message* message, void* data, sd_bus_error*) {
    const auto& answer = *static_cast<const Answer*>(data);
    const char* path = sd_bus_message_get_path(message);
    if (!sd_bus_message_is_method_call(message, "org.freedesktop.DBus.Introspectable",
                                       "Introspect") ||
        path == nullptr || answer.path != path)
        return 0;
    sd_bus_reply_method_return(message, "s", answer.xml.c_str());
    return 1;
}

void free_answer(void* data) {
    delete static_cast<Answer*>(data);
}

const sd_bus_vtable introspectable_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD_WITH_NAMES("Introspect", "", , "s", SD_BUS_PARAM(xml_data), nullptr, 0),
    SD_BUS_VTABLE_END};

} // namespace

std::string introspection_xml(const char* path, const std::vector<BusInterface>& interfaces) {
    std::string xml = "<!DOCTYPE node PUBLIC \"-//freedesktop//DTD D-BUS Object Introspection "
                      "1.0//EN\"\n\"http://www.freedesktop.org/standards/dbus/1.0/"
                      "introspect.dtd\">\n";
    xml += fmt::format("<node name=\"{}\">\n", path);
    interface(xml, {"org.freedesktop.DBus.Introspectable", introspectable_vtable});
    for (const auto& each : interfaces)
        interface(xml, each);
    xml += "</node>\n";
    return xml;
}

int answer_introspection(sd_bus* bus, sd_bus_slot** slot, const char* path,
                         const std::string& xml) {
    auto answer = std::make_unique<Answer>(Answer{path, xml});
    int added = sd_bus_add_filter(bus, slot, on_message, answer.get());
    if (added < 0)
        return added;
    sd_bus_slot_set_destroy_callback(*slot, free_answer);
    answer.release();
    return added;
}

} // namespace jack_server::detail
