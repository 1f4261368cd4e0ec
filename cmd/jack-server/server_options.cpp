#include "server_options.hpp"

namespace jack_server::cli {

namespace {

// jackd lets a repeated option override the earlier one.
CLI::Option* last_wins(CLI::Option* option) {
    return option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

} // namespace

void declare_server_options(CLI::App& app, ServerWords& words) {
    app.set_help_flag();
    app.add_flag("-h,--help", words.help, "Show this help and exit");
    app.add_flag("-V,--version", words.version, "Show jack-server's and JACK's versions and exit");

    last_wins(app.add_option("-n,--name", words.name, "Server name (default: default)"))
        ->type_name("NAME");
    app.add_flag("-S,--sync", words.sync, "Use server synchronous mode");
    app.add_flag("-R,--realtime", words.realtime, "Use realtime scheduling (the default)");
    app.add_flag("-r,--no-realtime", words.no_realtime, "Do not use realtime scheduling");
    last_wins(app.add_option("-P,--realtime-priority", words.realtime_priority,
                             "Scheduler priority in realtime mode (1-99, default 10)"))
        ->type_name("PRIO");
    last_wins(app.add_option("-t,--timeout", words.timeout,
                             "Client timeout limit in milliseconds (0: JACK's default)"))
        ->type_name("MS");
    app.add_flag("-T,--temporary", words.temporary,
                 "Exit once all clients have closed their connections");
    app.add_flag("-v,--verbose", words.verbose, "Verbose output: JACK's own and debug logs");
    app.add_flag("-s,--silent", words.silent, "Do not show JACK's error output");
    last_wins(
        app.add_option("-p,--port-max", words.port_max, "Maximum number of ports (default 2048)"))
        ->type_name("N");
    last_wins(app.add_option("-c,--clock-source", words.clock_source,
                             "Clock source: h(pet) or s(ystem); c(ycle) means s"))
        ->type_name("h|s");
    last_wins(app.add_option("-a,--autoconnect", words.autoconnect,
                             "Self-connect mode: ' ' allow, E/e fail/ignore external, "
                             "A/a fail/ignore all"))
        ->type_name("MODE");
    last_wins(app.add_option("-L,--loopback-driver,--loopback", words.loopback,
                             "Add a loopback driver with N ports"))
        ->type_name("N");
    app.add_option("-X,--midi-driver,--slave-backend", words.slaves,
                   "Add a slave driver (repeatable), e.g. alsarawmidi")
        ->type_name("DRIVER");
    app.add_option("-I,--internal-client", words.internals,
                   "Load an internal client (repeatable), e.g. netmanager")
        ->type_name("CLIENT");
    last_wins(app.add_option("-C,--internal-session-file", words.session_file,
                             "Load internal clients and connections from FILE"))
        ->type_name("FILE");
    app.add_flag("--replace-registry", words.replace_registry,
                 "Replace the shared memory registry");
    app.add_flag("-m,--no-mlock", words.no_mlock, "Accepted for compatibility; no effect");
    app.add_flag("-u,--unlock", words.unlock, "Accepted for compatibility; no effect");
    declare_list_options(app, words.listing);
    declare_config_options(app, words.config);
    declare_service_options(app, words.service);
}

} // namespace jack_server::cli
