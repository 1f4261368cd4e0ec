// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/options.hpp"

#include "config/duration.hpp"
#include "jack_server/error.hpp"
#include "log.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <limits>

namespace jack_server {

namespace {

using std::chrono::milliseconds;

// In LogLevel's order: a word's index is its level.
constexpr std::string_view log_levels[] = {"error", "warn", "info", "debug"};
constexpr std::string_view log_formats[] = {"text", "json"};
constexpr std::string_view duration_hint = "units: us, ms, s, m, h; a bare number is seconds";

// word is one of log_levels: check() refused any other before a Config holds it.
LogLevel log_level(const std::string& word) {
    auto at = std::find(std::begin(log_levels), std::end(log_levels), word);
    return static_cast<LogLevel>(at - std::begin(log_levels));
}

template <typename T> std::optional<OptionValue> value_of(const std::optional<T>& value) {
    return value ? std::optional<OptionValue>(*value) : std::nullopt;
}

// The entries' get and set, one pair a field of Config.
#define JACK_SERVER_FIELD(field, type)                                                             \
    .get = [](const Config& c) { return value_of(c.field); },                                      \
    .set = [](Config& c, const OptionValue& v) { c.field = std::get<type>(v); }

const Option own_options_table[] = {
    {.key = "daemon.log-level",
     .flags = "--log-level",
     .value_name = "LEVEL",
     .help = "Log level: error, warn, info (default) or debug",
     .kind = OptionKind::word,
     .reload = Reload::live,
     .words = log_levels,
     .get = [](const Config& c) -> std::optional<OptionValue> {
         return std::string(to_string(c.daemon.log_level));
     },
     .set = [](Config& c,
               const OptionValue& v) { c.daemon.log_level = log_level(std::get<std::string>(v)); }},
    {.key = "daemon.log-format",
     .flags = "--log-format",
     .value_name = "FORMAT",
     .help = "Log format: text (default) or json, one object a line",
     .kind = OptionKind::word,
     .reload = Reload::live,
     .words = log_formats,
     .get = [](const Config& c) -> std::optional<OptionValue> {
         return std::string(c.daemon.log_format == LogFormat::json ? "json" : "text");
     },
     .set =
         [](Config& c, const OptionValue& v) {
             c.daemon.log_format =
                 std::get<std::string>(v) == "json" ? LogFormat::json : LogFormat::text;
         }},
    {.key = "daemon.silent",
     .flags = "-s,--silent",
     .help = "Do not show JACK's error output",
     .kind = OptionKind::flag,
     .reload = Reload::live,
     .get = [](const Config& c) -> std::optional<OptionValue> { return c.daemon.silent; },
     .set = [](Config& c, const OptionValue& v) { c.daemon.silent = std::get<bool>(v); }},
    {.key = "daemon.ready-fd",
     .flags = "--ready-fd",
     .value_name = "N",
     .help = "Write a line to descriptor N once ready, then close it",
     .kind = OptionKind::whole,
     .reload = Reload::restart,
     .min = 3,
     .max = 65535,
     .expected = "a file descriptor number from 3",
     .hint = "0, 1 and 2 are stdin, stdout and stderr",
     .get = [](const Config& c) -> std::optional<OptionValue> {
         if (!c.daemon.ready_fd)
             return std::nullopt;
         return static_cast<std::uint64_t>(*c.daemon.ready_fd);
     },
     .set =
         [](Config& c, const OptionValue& v) {
             // check() bounds it to 65535 before a Config holds it.
             c.daemon.ready_fd = static_cast<int>(std::min<std::uint64_t>(
                 std::get<std::uint64_t>(v), std::numeric_limits<int>::max()));
         }},
    {.key = "daemon.background",
     .flags = "--background",
     .help = "Fork; return once the server is ready (printing its pid) or has failed",
     .kind = OptionKind::flag,
     .reload = Reload::restart,
     .get = [](const Config& c) -> std::optional<OptionValue> { return c.daemon.background; },
     .set = [](Config& c, const OptionValue& v) { c.daemon.background = std::get<bool>(v); }},
    {.key = "daemon.unique-name",
     .flags = "--unique-name",
     .help = "Run as NAME-1, NAME-2, ...: the first that no other server uses (NAME: -n, or "
             "default)",
     .kind = OptionKind::flag,
     .reload = Reload::restart,
     .get = [](const Config& c) -> std::optional<OptionValue> { return c.daemon.unique_name; },
     .set = [](Config& c, const OptionValue& v) { c.daemon.unique_name = std::get<bool>(v); }},
    {.key = "daemon.private-shm",
     .flags = "--private-shm",
     .help = "Run the server and -- COMMAND with a /dev/shm of their own, apart from others",
     .kind = OptionKind::flag,
     .reload = Reload::restart,
     .get = [](const Config& c) -> std::optional<OptionValue> { return c.daemon.private_shm; },
     .set = [](Config& c, const OptionValue& v) { c.daemon.private_shm = std::get<bool>(v); }},
    {.key = "daemon.pid-file",
     .flags = "--pid-file",
     .value_name = "FILE",
     .help = "Write the pid to FILE, locked while running; refuse when locked",
     .kind = OptionKind::text,
     .reload = Reload::restart,
     JACK_SERVER_FIELD(daemon.pid_file, std::string)},
    {.key = "daemon.stall-timeout",
     .flags = "--stall-timeout",
     .value_name = "DURATION",
     .help = "Exit 75 when no process cycle happens for this long (default: 100 periods, at "
             "least 2s)",
     .kind = OptionKind::duration,
     .reload = Reload::restart,
     .hint = duration_hint,
     JACK_SERVER_FIELD(daemon.stall_timeout, milliseconds)},
    {.key = "daemon.wait-device",
     .flags = "--wait-device",
     .value_name = "DURATION",
     .help = "Retry opening a missing or busy device for up to this long",
     .kind = OptionKind::duration,
     .reload = Reload::restart,
     .hint = duration_hint,
     JACK_SERVER_FIELD(daemon.wait_device, milliseconds)},
    {.key = "daemon.reload-timeout",
     .flags = "--reload-timeout",
     .value_name = "DURATION",
     .help = "Exit 75 when a reload's driver switch has not finished after this long "
             "(default: 10s)",
     .kind = OptionKind::duration,
     .reload = Reload::restart,
     .hint = duration_hint,
     JACK_SERVER_FIELD(daemon.reload_timeout, milliseconds)},
    {.key = "daemon.max-xruns",
     .flags = "--max-xruns",
     .value_name = "N",
     .help = "Exit 1 on a clean stop after more than N xruns",
     .kind = OptionKind::whole,
     .reload = Reload::restart,
     .expected = "a whole number of xruns from 0",
     JACK_SERVER_FIELD(daemon.max_xruns, std::uint64_t)},
    {.key = "daemon.stats-file",
     .flags = "--stats-file",
     .value_name = "FILE",
     .help = "Write the run's figures as JSON to FILE at exit",
     .kind = OptionKind::text,
     .reload = Reload::restart,
     JACK_SERVER_FIELD(daemon.stats_file, std::string)},
    {.key = "daemon.no-audio-reservation",
     .flags = "--no-audio-reservation",
     .help = "Open sound cards without asking PulseAudio or PipeWire for them on the session "
             "bus",
     .kind = OptionKind::flag,
     .reload = Reload::restart,
     .get = [](const Config& c) -> std::optional<OptionValue> {
         return c.daemon.no_audio_reservation;
     },
     .set = [](Config& c,
               const OptionValue& v) { c.daemon.no_audio_reservation = std::get<bool>(v); }},
    {.key = "daemon.fallback",
     .flags = "--fallback",
     .value_name = "DRIVER[:DEVICE]",
     .help = "When the device is lost, switch to this driver (dummy, alsa:hw:1) at the same rate "
             "and period; clients stay",
     .kind = OptionKind::text,
     .reload = Reload::restart,
     JACK_SERVER_FIELD(daemon.fallback, std::string)},
    {.key = "daemon.card-return-hold",
     .flags = "--card-return-hold",
     .value_name = "DURATION",
     .help = "With --fallback, return to the card at most once in this long (default: 10s)",
     .kind = OptionKind::duration,
     .reload = Reload::restart,
     .hint = duration_hint,
     JACK_SERVER_FIELD(daemon.card_return_hold, milliseconds)},
    {.key = "loopback",
     .flags = "-L,--loopback-driver,--loopback",
     .value_name = "N",
     .help = "Add a loopback driver with N ports",
     .kind = OptionKind::whole,
     .reload = Reload::restart,
     .max = std::numeric_limits<std::int32_t>::max(),
     .expected = "a whole number of ports from 0 to 2147483647",
     .hint = "give the number of loopback ports, e.g. -L 8",
     .get = [](const Config& c) -> std::optional<OptionValue> {
         return std::uint64_t{c.loopback_ports};
     },
     .set =
         [](Config& c, const OptionValue& v) {
             // check() bounds it to 2147483647 before a Config holds it.
             c.loopback_ports = static_cast<std::uint32_t>(std::min<std::uint64_t>(
                 std::get<std::uint64_t>(v), std::numeric_limits<std::int32_t>::max()));
         }},
    {.key = "session-file",
     .flags = "-C,--internal-session-file",
     .value_name = "FILE",
     .help = "Load internal clients and connections from FILE",
     .kind = OptionKind::text,
     .reload = Reload::restart,
     JACK_SERVER_FIELD(session_file, std::string)},
};

#undef JACK_SERVER_FIELD

// How jackd's options name the server parameters: they do not follow
// libjackserver's names (-t sets client-timeout), and -c takes letters where
// libjackserver stores a number. -R and -r both set realtime.
const ServerOptionSpelling server_spellings[] = {
    {"name", "-n,--name", "NAME", "Server name (default: default)"},
    {"sync", "-S,--sync", "", "Use server synchronous mode"},
    {"realtime", "-R,--realtime", "", "Use realtime scheduling (the default)"},
    {"realtime-priority", "-P,--realtime-priority", "PRIO",
     "Scheduler priority in realtime mode (1-99, default 10)"},
    {"client-timeout", "-t,--timeout", "MS",
     "Client timeout limit in milliseconds (0: JACK's default)"},
    {"temporary", "-T,--temporary", "", "Exit once all clients have closed their connections"},
    {"verbose", "-v,--verbose", "", "Verbose output: JACK's own and debug logs"},
    {"port-max", "-p,--port-max", "N", "Maximum number of ports (default 2048)"},
    {"clock-source", "-c,--clock-source", "h|s",
     "Clock source: h(pet) or s(ystem); c(ycle) means s"},
    {"self-connect-mode", "-a,--autoconnect", "MODE",
     "Self-connect mode: ' ' allow, E/e fail/ignore external, A/a fail/ignore all"},
    {"replace-registry", "--replace-registry", "", "Replace the shared memory registry"},
};

std::uint64_t whole_number(std::string_view text) {
    std::uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || text.empty())
        throw std::invalid_argument("not a whole number");
    return value;
}

// "for example: --log-level error" on the command line, "for example:
// daemon.log-level = "error"" in a file.
std::string example(std::string_view spelled, std::string_view value, bool quoted) {
    if (spelled.starts_with("-"))
        return fmt::format("for example: {} {}", spelled.substr(0, spelled.find('/')), value);
    auto key = spelled.substr(spelled.rfind('.') + 1);
    if (quoted)
        return fmt::format("for example: {} = \"{}\"", key, value);
    return fmt::format("for example: {} = {}", key, value);
}

} // namespace

ParameterError invalid_value(const Option& option, std::string_view shown,
                             std::string_view spelled) {
    std::string hint(option.hint);
    if (hint.empty() && option.kind == OptionKind::word)
        hint = example(spelled, option.words.front(), true);
    if (hint.empty() && option.kind == OptionKind::whole)
        hint = example(spelled, std::to_string(option.min), false);
    return ParameterError(fmt::format("invalid value '{}' for {}: expected {}", shown, spelled,
                                      describe_expected(option)),
                          hint);
}

std::span<const Option> own_options() {
    return own_options_table;
}

const Option* find_option(std::string_view key) {
    for (const auto& option : own_options_table)
        if (option.key == key)
            return &option;
    return nullptr;
}

std::span<const ServerOptionSpelling> server_option_spellings() {
    return server_spellings;
}

const ServerOptionSpelling* find_server_spelling(std::string_view parameter) {
    for (const auto& spelling : server_spellings)
        if (spelling.parameter == parameter)
            return &spelling;
    return nullptr;
}

std::string spelled(std::string_view flags) {
    // CLI11's "-L,--loopback-driver,--loopback": the first short and long names.
    std::string result;
    std::size_t start = 0;
    bool has_long = false;
    while (start <= flags.size()) {
        auto end = std::min(flags.find(',', start), flags.size());
        auto name = flags.substr(start, end - start);
        bool is_long = name.starts_with("--");
        if (!is_long && result.empty())
            result = std::string(name);
        else if (is_long && !has_long) {
            result += (result.empty() ? "" : "/") + std::string(name);
            has_long = true;
        }
        start = end + 1;
    }
    return result;
}

std::string describe_expected(const Option& option) {
    if (!option.expected.empty())
        return std::string(option.expected);
    switch (option.kind) {
    case OptionKind::flag:
        return "true or false";
    case OptionKind::whole:
        return fmt::format("a whole number from {} to {}", option.min, option.max);
    case OptionKind::duration:
        return "a duration such as 500ms, 2s, 1.5s or 1m";
    case OptionKind::text:
        return "a path";
    case OptionKind::word:
        return fmt::format("one of {}", fmt::join(option.words, ", "));
    }
    return {};
}

OptionValue read_text(const Option& option, std::string_view text, std::string_view spelled) {
    switch (option.kind) {
    case OptionKind::flag:
        return true;
    case OptionKind::whole:
        try {
            return whole_number(text);
        } catch (const std::exception&) {
            throw invalid_value(option, text, spelled);
        }
    case OptionKind::duration:
        try {
            return parse_duration(text, spelled);
        } catch (const ParameterError& e) {
            throw ParameterError(e.what(), std::string(option.hint));
        }
    case OptionKind::text:
    case OptionKind::word:
        return std::string(text);
    }
    throw std::logic_error("unknown option kind");
}

void check(const Option& option, const OptionValue& value, std::string_view spelled,
           std::string_view given) {
    auto shown = given.empty() ? format_option_value(value) : std::string(given);
    switch (option.kind) {
    case OptionKind::flag:
    case OptionKind::text:
        return;
    case OptionKind::whole: {
        auto number = std::get<std::uint64_t>(value);
        if (number < option.min || number > option.max)
            throw invalid_value(option, shown, spelled);
        return;
    }
    case OptionKind::duration:
        if (std::get<milliseconds>(value).count() <= 0)
            throw ParameterError(fmt::format("invalid value '{}' for {}: expected a duration "
                                             "longer than 0",
                                             shown, spelled),
                                 std::string(option.hint));
        return;
    case OptionKind::word: {
        const auto& word = std::get<std::string>(value);
        if (std::find(option.words.begin(), option.words.end(), word) == option.words.end())
            throw invalid_value(option, shown, spelled);
        return;
    }
    }
}

std::string format_option_value(const OptionValue& value) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>)
                return v ? "true" : "false";
            else if constexpr (std::is_same_v<T, milliseconds>)
                return v.count() % 1000 == 0 ? fmt::format("{}s", v.count() / 1000)
                                             : fmt::format("{}ms", v.count());
            else
                return fmt::format("{}", v);
        },
        value);
}

} // namespace jack_server
