// SPDX-License-Identifier: GPL-2.0-or-later
#include "server_options.hpp"

#include "config/options.hpp"
#include "declare_word.hpp"

#include <fmt/format.h>

namespace jack_server::cli {

namespace {

// jackd lets a repeated option override the earlier one.
CLI::Option* last_wins(CLI::Option* option) {
    return option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

// A flag stores "" when given; an option with a value stores its text.
void declare(CLI::App& app, std::string_view flags, std::string_view value_name,
             std::string_view help, std::optional<std::string>& target) {
    std::string names(flags), description(help);
    if (value_name.empty()) {
        app.add_flag_callback(
            names, [&target] { target = ""; }, description);
        return;
    }
    last_wins(app.add_option(names, target, description))->type_name(std::string(value_name));
}

// The option's help and, for one that takes a value, its default as the
// table gives it: "(default: 100 periods, at least 2s)".
std::string help_with_default(const Option& option) {
    auto shown = default_shown(option);
    if (option.kind == OptionKind::flag || shown == "none")
        return std::string(option.help);
    return fmt::format("{} (default: {})", option.help, shown);
}

} // namespace

void declare_server_options(CLI::App& app, ServerWords& words) {
    app.set_help_flag();
    add_word_flag(app, "help", words.help);
    add_word_flag(app, "version", words.version);

    for (const auto& spelling : server_option_spellings())
        declare(app, spelling.flags, spelling.value_name, spelling.help,
                words.parameters[spelling.parameter]);
    add_word_flag(app, "no-realtime", words.no_realtime);
    for (const auto& option : own_options())
        declare(app, option.flags, option.kind == OptionKind::flag ? "" : option.value_name,
                help_with_default(option), words.own[option.key]);

    add_word_option(app, "midi-driver", words.slaves);
    add_word_option(app, "internal-client", words.internals);
    add_word_option(app, "connect", words.connections);
    add_word_option(app, "card", words.cards);
    add_word_flag(app, "no-mlock", words.no_mlock);
    add_word_flag(app, "unlock", words.unlock);
    declare_list_options(app, words.listing);
    declare_config_options(app, words.config);
}

} // namespace jack_server::cli
