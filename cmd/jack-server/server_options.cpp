// SPDX-License-Identifier: GPL-2.0-or-later
#include "server_options.hpp"

#include "config/options.hpp"

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

} // namespace

void declare_server_options(CLI::App& app, ServerWords& words) {
    app.set_help_flag();
    app.add_flag("-h,--help", words.help, "Show this help and exit");
    app.add_flag("-V,--version", words.version, "Show jack-server's and JACK's versions and exit");

    for (const auto& spelling : server_option_spellings())
        declare(app, spelling.flags, spelling.value_name, spelling.help,
                words.parameters[spelling.parameter]);
    app.add_flag("-r,--no-realtime", words.no_realtime, "Do not use realtime scheduling");
    for (const auto& option : own_options())
        declare(app, option.flags, option.kind == OptionKind::flag ? "" : option.value_name,
                option.help, words.own[option.key]);

    app.add_option("-X,--midi-driver,--slave-backend", words.slaves,
                   "Add a slave driver (repeatable), e.g. alsarawmidi")
        ->type_name("DRIVER");
    app.add_option("-I,--internal-client", words.internals,
                   "Load an internal client (repeatable), e.g. netmanager")
        ->type_name("CLIENT");
    app.add_option("--connect", words.connections,
                   "Keep FROM connected to TO (repeatable): port names or glob patterns, "
                   "e.g. 'metro:*=system:playback_*'")
        ->type_name("FROM=TO");
    app.add_flag("-m,--no-mlock", words.no_mlock, "Accepted for compatibility; no effect");
    app.add_flag("-u,--unlock", words.unlock, "Accepted for compatibility; no effect");
    declare_list_options(app, words.listing);
    declare_config_options(app, words.config);
}

} // namespace jack_server::cli
