#pragma once

#include "config/config.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace jack_server::cli {

// jack-server's own options for running as a service, as the words given.
struct ServiceWords {
    std::optional<std::string> log_level, log_format, ready_fd, pid_file, stall_timeout,
        wait_device, max_xruns, stats_file;
    bool background = false;
};

// Declares the service options (before -d, like every server option).
void declare_service_options(CLI::App& app, ServiceWords& words);

// Checks the words and stores them in options. Throws UsageError.
void apply_service_words(DaemonOptions& options, const ServiceWords& words);

} // namespace jack_server::cli
