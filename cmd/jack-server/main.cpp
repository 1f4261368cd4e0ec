// SPDX-License-Identifier: GPL-2.0-or-later
// jack-server: parse the jackd command line, run the server, map errors to an
// exit status. Everything else lives in the library and in command_line.cpp.

#include "card_listing.hpp"
#include "catalog_listing.hpp"
#include "command_line.hpp"
#include "config_options.hpp"
#include "daemon.hpp"
#include "doctor/doctor.hpp"
#include "doctor_report.hpp"
#include "errors.hpp"
#include "exit_status.hpp"
#include "log.hpp"
#include "parts/command.hpp"
#include "process/private_shm.hpp"
#include "usage.hpp"
#include "usage_error.hpp"

#include <iostream>
#include <optional>
#include <string>

namespace {

int run(const std::vector<std::string>& words) {
    using namespace jack_server;
    using Action = cli::CommandLine::Action;
    setup_logging(DaemonOptions{});
    // The machine's cards need no libjackserver (nor its plugins' loading).
    if (cli::lists_cards_only(words)) {
        cli::print_cards(std::cout, detail::report_cards({}, detail::BusNames()),
                         cli::asks_for(words, "--json"));
        return exit_ok;
    }
    // Only the plugins the command line names are loaded (Server's
    // constructor says why); help, the version and a bad command line get
    // every plugin.
    auto needed = cli::plugins_needed(words);
    std::optional<Server> made;
    try {
        made.emplace(needed ? Server(*needed) : Server());
    } catch (const LibraryError& e) {
        // --doctor says so among what else it finds, and what to do.
        if (!cli::asks_for(words, "--doctor"))
            throw;
        return cli::print_doctor(std::cout, detail::examine_without_library(e.what()),
                                 cli::asks_for(words, "--json"));
    }
    Server& server = *made;
    cli::CommandLine command;
    try {
        command = cli::parse_command_line(words, server);
    } catch (const cli::UsageError&) {
        if (!needed)
            throw;
        // A hint lists what exists: say it from every plugin.
        server = Server();
        command = cli::parse_command_line(words, server);
    }
    switch (command.action) {
    case Action::help:
        cli::print_usage(std::cout, server);
        return exit_ok;
    case Action::version:
        cli::print_version(std::cout);
        return exit_ok;
    case Action::driver_help:
        cli::print_driver_usage(std::cout, server.get_driver(command.config.driver.name));
        return exit_ok;
    case Action::list:
        cli::print_listing(std::cout, server, command.listing);
        return exit_ok;
    case Action::print_config:
        std::cout << print_config(command.config, server, command.print_format);
        return exit_ok;
    case Action::check:
        cli::check_config(server, command.config, std::cout);
        return exit_ok;
    case Action::doctor:
        return cli::print_doctor(std::cout, detail::examine(server, command.config), command.json);
    case Action::run:
        break;
    }
    setup_logging(command.config.daemon);
    return run_daemon(server, command.config);
}

int report(const jack_server::Error& e, int status) {
    jack_server::log_error(e.what());
    if (!e.hint().empty())
        jack_server::log_error("hint: " + e.hint());
    return status;
}

} // namespace

int main(int argc, char** argv) {
    using namespace jack_server;
    // Before anything opens a descriptor: what -- COMMAND may inherit.
    detail::remember_inherited_descriptors();
    try {
        return run({argv + 1, argv + argc});
    } catch (const cli::UsageError& e) {
        std::cerr << "jack-server: " << e.what() << "\njack-server: hint: " << e.hint() << "\n";
        return exit_usage;
    } catch (const ConfigError& e) {
        return report(e, exit_config);
    } catch (const FileError& e) {
        log_error(e.what());
        return exit_cantcreat;
    } catch (const LibraryError& e) {
        return report(e, exit_unavailable);
    } catch (const ServerNotOpenedError& e) {
        return report(e, exit_unavailable);
    } catch (const ServerNotStartedError& e) {
        return report(e, exit_unavailable);
    } catch (const BusUnavailable& e) {
        return report(e, exit_unavailable);
    } catch (const detail::PrivateShmRefused& e) {
        return report(e, exit_unavailable);
    } catch (const std::exception& e) {
        log_error(std::string("internal error: ") + e.what());
        return exit_software;
    }
}
