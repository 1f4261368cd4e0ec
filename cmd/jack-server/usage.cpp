// SPDX-License-Identifier: GPL-2.0-or-later
#include "usage.hpp"

#include "jack_server/parameter_text.hpp"
#include "jack_server/version.hpp"
#include "server_options.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ostream.h>

namespace jack_server::cli {

namespace {

std::string option_names(const CLI::Option& option) {
    std::vector<std::string> names;
    for (const auto& name : option.get_snames())
        names.push_back("-" + name);
    for (const auto& name : option.get_lnames())
        names.push_back("--" + name);
    auto text = fmt::format("{}", fmt::join(names, ", "));
    if (option.get_items_expected_min() > 0)
        text += " " + option.get_type_name();
    return text;
}

std::string names_of(const std::vector<std::string>& names) {
    return fmt::format("{}", fmt::join(names, ", "));
}

} // namespace

void print_usage(std::ostream& out, const Catalog& catalog) {
    CLI::App app("jack-server");
    ServerWords unused;
    declare_server_options(app, unused);

    fmt::print(out, "Usage: jack-server [server options] -d DRIVER [driver options]\n"
                    "       jack-server [server options] -d DRIVER [driver options] -- COMMAND "
                    "[ARGS...]\n"
                    "       jack-server -d DRIVER --help\n\n"
                    "Runs a JACK server, as jackd does, with the same options.\n\n"
                    "With -- COMMAND (the first word '--', after the driver's options or before\n"
                    "-d), runs COMMAND once the server is ready, with JACK_DEFAULT_SERVER set to\n"
                    "its name; stops the server when COMMAND exits and exits with COMMAND's\n"
                    "status (128+N when signal N ended it; 127 not found, 126 cannot run).\n"
                    "SIGINT, SIGTERM, SIGQUIT and a SIGHUP that would stop the server go to\n"
                    "COMMAND instead. Not with --background, --check or --print-config.\n\n"
                    "Server options (before -d):\n");
    for (const auto* option : app.get_options())
        fmt::print(out, "  {:<40} {}\n", option_names(*option), option->get_description());
    fmt::print(out, "  {:<40} {}\n", "-d, --driver, --audio-driver DRIVER",
               "The master driver; the rest of the line are its options");

    fmt::print(out,
               "\nMaster drivers (-d): {}\n"
               "Slave drivers (-X):  {}\n"
               "Internal clients (-I): {}\n",
               names_of(catalog.driver_names(DriverType::master)),
               names_of(catalog.driver_names(DriverType::slave)),
               names_of(catalog.internal_client_names()));
    fmt::print(out,
               "\nDriver options: -r 48000, -r48000, --rate 48000 or --rate=48000. A bool option\n"
               "alone is true (words: true/false, yes/no, on/off, 1/0); any other option alone\n"
               "takes its default value. 'jack-server -d DRIVER --help' lists a driver's options.\n"
               "\nExit status: 0 stopped cleanly, 1 more xruns than --max-xruns allowed,\n"
               "64 bad command line, 69 server could not be opened or started, 70 internal\n"
               "error, 73 pid or stats file could not be written, 75 engine stalled or died\n"
               "(a restart may help), 78 bad config file. With -- COMMAND: COMMAND's status\n"
               "(75 when the server stalled or died under it).\n");
}

void print_driver_usage(std::ostream& out, const Driver& driver) {
    fmt::print(out, "Options of the {} driver '{}' (all optional):\n", to_string(driver.type()),
               driver.name());
    for (const auto& parameter : driver.params()) {
        auto names = fmt::format("-{}, --{} {}", parameter.id(), parameter.name(),
                                 to_string(parameter.type()));
        fmt::print(out, "  {:<34} {} (default: {})\n", names, parameter.short_description(),
                   format_value(parameter.default_value()));
        if (parameter.choices_are_strict())
            fmt::print(out, "  {:<34} {}\n", "", describe_expected(parameter));
    }
    if (driver.params().empty())
        fmt::print(out, "  (none)\n");
}

void print_version(std::ostream& out) {
    fmt::print(out, "jack-server {}\nJACK library {}\n", version, jack_version());
}

} // namespace jack_server::cli
