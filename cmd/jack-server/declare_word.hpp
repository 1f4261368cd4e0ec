// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/options.hpp"

#include <CLI/CLI.hpp>
#include <string>

namespace jack_server::cli {

// Declares one of the command line's own words (options.hpp,
// command_line_words()) on app with its table entry's names, value name and
// help, storing into target. A word given twice keeps the last value, as
// jackd does, unless it is repeatable.
inline CLI::Option* add_word_flag(CLI::App& app, std::string_view name, bool& target) {
    const auto& word = command_line_word(name);
    return app.add_flag(std::string(word.flags), target, std::string(word.help));
}

template <typename Target>
CLI::Option* add_word_option(CLI::App& app, std::string_view name, Target& target) {
    const auto& word = command_line_word(name);
    return app.add_option(std::string(word.flags), target, std::string(word.help))
        ->type_name(std::string(word.value_name));
}

} // namespace jack_server::cli
