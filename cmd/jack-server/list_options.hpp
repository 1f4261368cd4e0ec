// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace jack_server::cli {

// --list WHAT [NAME] and --json, as the user gave them.
struct ListWords {
    std::vector<std::string> list; // empty when --list was not given
    bool json = false;
};

// What --list asks for, checked.
struct ListRequest {
    enum class What { drivers, internals, params, options, cards };
    What what = What::drivers;
    std::optional<std::string> name; // params of this driver or internal client
    bool json = false;
};

void declare_list_options(CLI::App& app, ListWords& words);

// std::nullopt when --list was not given. doctor: --doctor was given, which
// takes --json too.
// Throws UsageError for --json without --list or --doctor, an unknown WHAT, or
// a NAME after drivers/internals.
std::optional<ListRequest> list_request(const ListWords& words, bool doctor = false);

} // namespace jack_server::cli
