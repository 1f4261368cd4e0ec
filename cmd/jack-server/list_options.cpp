// SPDX-License-Identifier: GPL-2.0-or-later
#include "list_options.hpp"

#include "config/suggest.hpp"
#include "declare_word.hpp"
#include "usage_error.hpp"

#include <fmt/format.h>

namespace jack_server::cli {

void declare_list_options(CLI::App& app, ListWords& words) {
    add_word_option(app, "list", words.list)->expected(1, 2);
    add_word_flag(app, "json", words.json);
}

std::optional<ListRequest> list_request(const ListWords& words, bool doctor) {
    if (words.list.empty()) {
        if (words.json && !doctor)
            throw UsageError("option --json needs --list or --doctor",
                             "for example: jack-server --list drivers --json");
        return std::nullopt;
    }
    ListRequest request;
    request.json = words.json;
    const auto& what = words.list.front();
    if (what == "drivers")
        request.what = ListRequest::What::drivers;
    else if (what == "internals")
        request.what = ListRequest::What::internals;
    else if (what == "params")
        request.what = ListRequest::What::params;
    else if (what == "options")
        request.what = ListRequest::What::options;
    else if (what == "cards")
        request.what = ListRequest::What::cards;
    else {
        std::string hint = "--list takes cards, drivers, internals, options or params [NAME]";
        if (auto near = did_you_mean(what, {"cards", "drivers", "internals", "options", "params"}))
            hint = fmt::format("did you mean '{}'? ", *near) + hint;
        throw UsageError(fmt::format("invalid value '{}' for --list: expected cards, "
                                     "drivers, internals, options or params",
                                     what),
                         hint);
    }
    if (words.list.size() > 1) {
        if (request.what != ListRequest::What::params)
            throw UsageError(fmt::format("--list {} takes no name, got '{}'", what, words.list[1]),
                             "only --list params takes a driver or internal client name");
        request.name = words.list[1];
    }
    return request;
}

} // namespace jack_server::cli
