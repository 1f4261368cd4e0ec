// SPDX-License-Identifier: GPL-2.0-or-later
#include "dbus/jackdbus_settings.hpp"

#include "config/errors.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <fstream>
#include <memory>
#include <sstream>

namespace jack_server::detail {

namespace {

struct Reading {
    std::string path;
    std::vector<std::string> container; // engine; drivers, D; internals, I
    std::vector<std::string> depth;     // the open elements
    std::optional<std::string> option;  // inside <option name="N">
    std::string text;
    std::vector<SavedSetting> settings;
};

const char* name_attribute(const char** attributes) {
    for (auto at = attributes; at[0] && at[1]; at += 2)
        if (std::string(at[0]) == "name")
            return at[1];
    return nullptr;
}

void on_start(void* data, const char* element, const char** attributes) {
    auto& reading = *static_cast<Reading*>(data);
    std::string name(element);
    const auto& depth = reading.depth;
    auto parent = depth.empty() ? std::string() : depth.back();
    const char* named = name_attribute(attributes);
    if (parent == "jack" && name == "engine")
        reading.container = {"engine"};
    else if ((parent == "drivers" && name == "driver") ||
             (parent == "internals" && name == "internal"))
        reading.container =
            named ? std::vector<std::string>{parent, named} : std::vector<std::string>{};
    else if (name == "option" && !reading.container.empty() && named) {
        reading.option = named;
        reading.text.clear();
    }
    reading.depth.push_back(name);
}

void on_end(void* data, const char* element) {
    auto& reading = *static_cast<Reading*>(data);
    std::string name(element);
    if (name == "option" && reading.option) {
        auto address = reading.container;
        address.push_back(*reading.option);
        reading.settings.push_back({address, reading.text, reading.path});
        reading.option.reset();
    } else if (name == "engine" || name == "driver" || name == "internal") {
        reading.container.clear();
    }
    reading.depth.pop_back();
}

void on_text(void* data, const char* text, int length) {
    auto& reading = *static_cast<Reading*>(data);
    if (reading.option)
        reading.text.append(text, static_cast<std::size_t>(length));
}

} // namespace

std::vector<SavedSetting> read_jackdbus_settings(const std::string& path) {
    std::ifstream in(path);
    std::stringstream content;
    content << in.rdbuf();
    auto text = content.str();
    Reading reading{
        .path = path, .container = {}, .depth = {}, .option = {}, .text = {}, .settings = {}};
    std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate(nullptr),
                                                                        &XML_ParserFree);
    XML_SetUserData(parser.get(), &reading);
    XML_SetElementHandler(parser.get(), on_start, on_end);
    XML_SetCharacterDataHandler(parser.get(), on_text);
    if (XML_Parse(parser.get(), text.data(), static_cast<int>(text.size()), 1) == XML_STATUS_ERROR)
        throw ConfigError(fmt::format("{}:{}: {}", path, XML_GetCurrentLineNumber(parser.get()),
                                      XML_ErrorString(XML_GetErrorCode(parser.get()))),
                          "it is jackdbus's file: fix or remove it, or create "
                          "~/.config/jack-server/dbus.toml so that it is not read");
    return std::move(reading.settings);
}

} // namespace jack_server::detail
