#include "service_options.hpp"

#include "config/duration.hpp"
#include "jack_server/error.hpp"
#include "usage_error.hpp"

#include <charconv>
#include <fmt/format.h>

namespace jack_server::cli {

namespace {

CLI::Option* last_wins(CLI::Option* option) {
    return option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

std::uint64_t whole_number(const std::string& text, std::string_view spelled,
                           std::string_view expected, std::string_view hint) {
    std::uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || text.empty())
        throw UsageError(
            fmt::format("invalid value '{}' for {}: expected {}", text, spelled, expected),
            std::string(hint));
    return value;
}

std::chrono::milliseconds duration(const std::string& text, std::string_view spelled) {
    try {
        auto value = parse_duration(text, spelled);
        if (value.count() <= 0)
            throw ParameterError(fmt::format(
                "invalid value '{}' for {}: expected a duration longer than 0", text, spelled));
        return value;
    } catch (const ParameterError& e) {
        throw UsageError(e.what(), "units: us, ms, s, m, h; a bare number is seconds");
    }
}

template <typename Enum>
Enum one_of(const std::string& text, std::string_view spelled,
            std::initializer_list<std::pair<std::string_view, Enum>> choices) {
    std::vector<std::string> names;
    for (const auto& [name, value] : choices) {
        if (text == name)
            return value;
        names.emplace_back(name);
    }
    throw UsageError(fmt::format("invalid value '{}' for {}: expected one of {}", text, spelled,
                                 fmt::join(names, ", ")),
                     fmt::format("for example: {} {}", spelled, names.front()));
}

} // namespace

void declare_service_options(CLI::App& app, ServiceWords& words) {
    last_wins(app.add_option("--log-level", words.log_level,
                             "Log level: error, warn, info (default) or debug"))
        ->type_name("LEVEL");
    last_wins(app.add_option("--log-format", words.log_format,
                             "Log format: text (default) or json, one object a line"))
        ->type_name("FORMAT");
    last_wins(app.add_option("--ready-fd", words.ready_fd,
                             "Write a line to descriptor N once ready, then close it"))
        ->type_name("N");
    app.add_flag("--background", words.background,
                 "Fork; return once the server is ready (printing its pid) or has failed");
    last_wins(app.add_option("--pid-file", words.pid_file,
                             "Write the pid to FILE, locked while running; refuse when locked"))
        ->type_name("FILE");
    last_wins(app.add_option("--stall-timeout", words.stall_timeout,
                             "Exit 75 when no process cycle happens for this long "
                             "(default: 100 periods, at least 2s)"))
        ->type_name("DURATION");
    last_wins(app.add_option("--wait-device", words.wait_device,
                             "Retry opening a missing or busy device for up to this long"))
        ->type_name("DURATION");
    last_wins(app.add_option("--max-xruns", words.max_xruns,
                             "Exit 1 on a clean stop after more than N xruns"))
        ->type_name("N");
    last_wins(app.add_option("--stats-file", words.stats_file,
                             "Write the run's figures as JSON to FILE at exit"))
        ->type_name("FILE");
}

void apply_service_words(DaemonOptions& options, const ServiceWords& words) {
    if (words.log_level)
        options.log_level = one_of<LogLevel>(*words.log_level, "--log-level",
                                             {{"error", LogLevel::error},
                                              {"warn", LogLevel::warn},
                                              {"info", LogLevel::info},
                                              {"debug", LogLevel::debug}});
    if (words.log_format)
        options.log_format =
            one_of<LogFormat>(*words.log_format, "--log-format",
                              {{"text", LogFormat::text}, {"json", LogFormat::json}});
    if (words.ready_fd) {
        auto fd = whole_number(*words.ready_fd, "--ready-fd", "a file descriptor number from 3",
                               "for example: jack-server --ready-fd 3 -d dummy 3>ready.fifo");
        if (fd < 3 || fd > 65535)
            throw UsageError(fmt::format("invalid value '{}' for --ready-fd: expected a file "
                                         "descriptor number from 3",
                                         *words.ready_fd),
                             "0, 1 and 2 are stdin, stdout and stderr");
        options.ready_fd = static_cast<int>(fd);
    }
    options.background = options.background || words.background;
    if (words.pid_file)
        options.pid_file = *words.pid_file;
    if (words.stall_timeout)
        options.stall_timeout = duration(*words.stall_timeout, "--stall-timeout");
    if (words.wait_device)
        options.wait_device = duration(*words.wait_device, "--wait-device");
    if (words.max_xruns)
        options.max_xruns =
            whole_number(*words.max_xruns, "--max-xruns", "a whole number of xruns from 0",
                         "for example: --max-xruns 0");
    if (words.stats_file)
        options.stats_file = *words.stats_file;
}

} // namespace jack_server::cli
