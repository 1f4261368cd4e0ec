// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/options.hpp"

#include "config/duration.hpp"
#include "jack_server/error.hpp"

#include <algorithm>
#include <charconv>
#include <fcntl.h>
#include <fmt/format.h>
#include <limits>

namespace jack_server {

namespace {

using std::chrono::milliseconds;

// In LogLevel's order: a word's index is its level.
constexpr std::string_view log_levels[] = {"error", "warn", "info", "debug"};
constexpr std::string_view log_formats[] = {"text", "json"};
constexpr std::string_view duration_hint = "units: us, ms, s, m, h; a bare number is seconds";

// --ready-fd must name a descriptor open for writing when the daemon starts:
// else the daemon's own first descriptor (its signalfd) would take the number
// and receive the readiness line.
void descriptor_writable(const OptionValue& value, std::string_view spelled) {
    auto number = std::get<std::uint64_t>(value);
    int fd = static_cast<int>(number);
    int flags = fcntl(fd, F_GETFL);
    // A descriptor jack-server was started with is never close-on-exec (exec
    // closed those); one that is was opened by this process since (a library
    // reading the plugins), on the number the user meant but left closed.
    int descriptor_flags = fcntl(fd, F_GETFD);
    if (flags == -1 || descriptor_flags == -1 || (descriptor_flags & FD_CLOEXEC) != 0)
        throw ParameterError(
            fmt::format("invalid value '{}' for {}: descriptor {} is not open; expected a "
                        "descriptor open for writing",
                        number, spelled, number),
            fmt::format("open it for jack-server, e.g. --ready-fd {0} {0}>ready.fifo", number));
    if ((flags & O_ACCMODE) == O_RDONLY)
        throw ParameterError(
            fmt::format("invalid value '{}' for {}: descriptor {} is open for reading only; "
                        "expected a descriptor open for writing",
                        number, spelled, number),
            fmt::format("open it with {}> rather than {}<", number, number));
}

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
     .help = "Log level: error, warn, info or debug",
     .kind = OptionKind::word,
     .reload = Reload::live,
     .words = log_levels,
     .default_value = std::string("info"),
     .get = [](const Config& c) -> std::optional<OptionValue> {
         return std::string(log_levels[static_cast<std::size_t>(c.daemon.log_level)]);
     },
     .set = [](Config& c,
               const OptionValue& v) { c.daemon.log_level = log_level(std::get<std::string>(v)); }},
    {.key = "daemon.log-format",
     .flags = "--log-format",
     .value_name = "FORMAT",
     .help = "Log format: text or json, one object a line",
     .kind = OptionKind::word,
     .reload = Reload::live,
     .words = log_formats,
     .default_value = std::string("text"),
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
     .default_value = false,
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
     .default_text = "none",
     .check_at_start = descriptor_writable,
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
     .default_value = false,
     .get = [](const Config& c) -> std::optional<OptionValue> { return c.daemon.background; },
     .set = [](Config& c, const OptionValue& v) { c.daemon.background = std::get<bool>(v); }},
    {.key = "daemon.unique-name",
     .flags = "--unique-name",
     .help = "Run as NAME-1, NAME-2, ...: the first that no other server uses (NAME: -n, or "
             "default)",
     .kind = OptionKind::flag,
     .reload = Reload::restart,
     .default_value = false,
     .get = [](const Config& c) -> std::optional<OptionValue> { return c.daemon.unique_name; },
     .set = [](Config& c, const OptionValue& v) { c.daemon.unique_name = std::get<bool>(v); }},
    {.key = "daemon.private-shm",
     .flags = "--private-shm",
     .help = "Run the server and -- COMMAND with a /dev/shm of their own, apart from others",
     .kind = OptionKind::flag,
     .reload = Reload::restart,
     .default_value = false,
     .get = [](const Config& c) -> std::optional<OptionValue> { return c.daemon.private_shm; },
     .set = [](Config& c, const OptionValue& v) { c.daemon.private_shm = std::get<bool>(v); }},
    {.key = "daemon.pid-file",
     .flags = "--pid-file",
     .value_name = "FILE",
     .help = "Write the pid to FILE, locked while running; refuse when locked",
     .kind = OptionKind::text,
     .reload = Reload::restart,
     .default_text = "none",
     JACK_SERVER_FIELD(daemon.pid_file, std::string)},
    {.key = "daemon.stall-timeout",
     .flags = "--stall-timeout",
     .value_name = "DURATION",
     .help = "Exit 75 when no process cycle happens for this long",
     .kind = OptionKind::duration,
     .reload = Reload::restart,
     .hint = duration_hint,
     .default_value = milliseconds(2000),
     .default_periods = 100,
     .default_text = "100 periods, at least 2s",
     // The run loop samples the engine every 10 to 250 ms (a quarter of the
     // timeout): below 100 ms a sample late by one scheduler hiccup, and below
     // 4 periods one late period (an xrun), would end a healthy engine.
     .min_duration = milliseconds(100),
     .min_periods = 4,
     .min_reason = "one late sample or period must not end a healthy engine",
     JACK_SERVER_FIELD(daemon.stall_timeout, milliseconds)},
    {.key = "daemon.wait-device",
     .flags = "--wait-device",
     .value_name = "DURATION",
     .help = "Retry opening a missing or busy device for up to this long",
     .kind = OptionKind::duration,
     .reload = Reload::restart,
     .hint = duration_hint,
     .default_text = "none",
     // Limits::device_retry: the device is tried again every 500 ms.
     .min_duration = milliseconds(500),
     .min_reason = "the device is tried again every 500ms, so a shorter wait never retries",
     JACK_SERVER_FIELD(daemon.wait_device, milliseconds)},
    {.key = "daemon.reload-timeout",
     .flags = "--reload-timeout",
     .value_name = "DURATION",
     .help = "Exit 75 when a reload's driver switch has not finished after this long",
     .kind = OptionKind::duration,
     .reload = Reload::restart,
     .hint = duration_hint,
     // Longer than any switch that completes takes (JACK gives up on a client
     // after 5 s).
     .default_value = milliseconds(10'000),
     .min_duration = milliseconds(1000),
     .min_reason = "a switch that will finish can take hundreds of milliseconds (a card opens, "
                   "clients follow)",
     JACK_SERVER_FIELD(daemon.reload_timeout, milliseconds)},
    {.key = "daemon.max-xruns",
     .flags = "--max-xruns",
     .value_name = "N",
     .help = "Exit 1 on a clean stop after more than N xruns",
     .kind = OptionKind::whole,
     .reload = Reload::restart,
     .expected = "a whole number of xruns from 0",
     .default_text = "none",
     JACK_SERVER_FIELD(daemon.max_xruns, std::uint64_t)},
    {.key = "daemon.stats-file",
     .flags = "--stats-file",
     .value_name = "FILE",
     .help = "Write the run's figures as JSON to FILE at exit",
     .kind = OptionKind::text,
     .reload = Reload::restart,
     .default_text = "none",
     JACK_SERVER_FIELD(daemon.stats_file, std::string)},
    {.key = "daemon.no-audio-reservation",
     .flags = "--no-audio-reservation",
     .help = "Open sound cards without asking PulseAudio or PipeWire for them on the session "
             "bus",
     .kind = OptionKind::flag,
     .reload = Reload::restart,
     .default_value = false,
     .environment = "JACK_NO_AUDIO_RESERVATION",
     .get = [](const Config& c) -> std::optional<OptionValue> {
         return c.daemon.no_audio_reservation;
     },
     .set = [](Config& c,
               const OptionValue& v) { c.daemon.no_audio_reservation = std::get<bool>(v); }},
    {.key = "daemon.dbus",
     .flags = "--dbus",
     .help = "Own org.jackaudio.service on the session bus, as jackdbus: the server starts on "
             "StartServer and stops on StopServer; -d and its options only set the parameters",
     .kind = OptionKind::flag,
     .reload = Reload::restart,
     .default_value = false,
     .get = [](const Config& c) -> std::optional<OptionValue> { return c.daemon.dbus; },
     .set = [](Config& c, const OptionValue& v) { c.daemon.dbus = std::get<bool>(v); }},
    {.key = "daemon.no-suspend-watch",
     .flags = "--no-suspend-watch",
     .help = "Do not move the engine off the cards when logind says the machine is going to "
             "sleep",
     .kind = OptionKind::flag,
     .reload = Reload::restart,
     .default_value = false,
     .get = [](const Config& c) -> std::optional<OptionValue> { return c.daemon.no_suspend_watch; },
     .set = [](Config& c, const OptionValue& v) { c.daemon.no_suspend_watch = std::get<bool>(v); }},
    {.key = "daemon.fallback",
     .flags = "--fallback",
     .value_name = "DRIVER[:DEVICE]",
     .help = "When the device is lost, switch to this driver (dummy, alsa:hw:1) at the same rate "
             "and period; clients stay",
     .kind = OptionKind::text,
     .reload = Reload::restart,
     .default_text = "none",
     JACK_SERVER_FIELD(daemon.fallback, std::string)},
    {.key = "daemon.card-return-hold",
     .flags = "--card-return-hold",
     .value_name = "DURATION",
     .help = "With --fallback, return to the card at most once in this long",
     .kind = OptionKind::duration,
     .reload = Reload::restart,
     .hint = duration_hint,
     // So that a card that comes and goes does not switch the engine back
     // and forth. The lost card is looked for once a second
     // (Limits::card_probe): a shorter hold would change nothing.
     .default_value = milliseconds(10'000),
     .min_duration = milliseconds(1000),
     .min_reason = "the lost card is looked for once a second, so a shorter hold changes nothing",
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
     .default_value = std::uint64_t{0},
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
     .default_text = "none",
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

// The command line's own words: what they do is in cmd/jack-server.
const CommandLineWord command_words[] = {
    {"help", "-h,--help", "", "Show this help and exit"},
    {"version", "-V,--version", "", "Show jack-server's and JACK's versions and exit"},
    {"no-realtime", "-r,--no-realtime", "", "Do not use realtime scheduling", "server.realtime"},
    {"midi-driver", "-X,--midi-driver,--slave-backend", "DRIVER",
     "Add a slave driver (repeatable), e.g. alsarawmidi", "[[slave]]", true},
    {"internal-client", "-I,--internal-client", "CLIENT",
     "Load an internal client (repeatable), e.g. netmanager", "[[internal]]", true},
    {"connect", "--connect", "FROM=TO",
     "Keep FROM connected to TO (repeatable): port names or glob patterns, e.g. "
     "'metro:*=system:playback_*'",
     "[[connect]]", true},
    {"card", "--card", "NAME=DEVICE",
     "Run the ALSA DEVICE beside the master as client NAME (repeatable), resampled, "
     "hot-plugged, e.g. 'mic=hw:USB'",
     "[[card]]", true},
    {"no-mlock", "-m,--no-mlock", "", "Accepted for compatibility; no effect"},
    {"unlock", "-u,--unlock", "", "Accepted for compatibility; no effect"},
    {"list", "--list", "WHAT [NAME]",
     "List cards, drivers, internals, options or params [DRIVER|INTERNAL] and exit"},
    {"json", "--json", "", "With --list or --doctor: print JSON"},
    {"config", "--config", "FILE",
     "Read the setup from a TOML file (man jack-server.toml); options on the command line "
     "override it"},
    {"jackdrc", "--jackdrc", "[FILE]",
     "Read the setup from the .jackdrc [FILE] (without FILE: ~/.jackdrc, then /etc/jackdrc)"},
    {"print-config", "--print-config", "[=toml|json]",
     "Print the effective configuration (=toml, a config file, or =json) with each value's "
     "origin and exit"},
    {"check", "--check", "",
     "Check the configuration as a start would, without opening the server, and exit"},
    {"doctor", "--doctor", "",
     "Check this machine as JACK will see it with the options given (library, limits, groups, "
     "cards and their holders, /dev/shm, registry) and exit 0 if a server could start"},
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

// A duration under the option's floor: "expected at least 100ms and 4
// periods: <why>".
ParameterError too_short(const Option& option, std::string_view shown, std::string_view spelled) {
    if (option.min_reason.empty())
        return ParameterError(
            fmt::format("invalid value '{}' for {}: expected a duration longer than 0", shown,
                        spelled),
            std::string(option.hint));
    auto periods =
        option.min_periods > 0 ? fmt::format(" and {} periods", option.min_periods) : std::string();
    return ParameterError(fmt::format("invalid value '{}' for {}: expected at least {}{}: {}",
                                      shown, spelled, format_option_value(option.min_duration),
                                      periods, option.min_reason),
                          std::string(option.hint));
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

std::string default_shown(const Option& option) {
    if (!option.default_text.empty())
        return std::string(option.default_text);
    return option.default_value ? format_option_value(*option.default_value) : "none";
}

std::optional<OptionValue> resolved(const Option& option, const Config& config) {
    if (auto value = option.get(config))
        return value;
    if (option.default_periods > 0)
        return std::nullopt; // derived from the engine: default_for_engine
    return option.default_value;
}

milliseconds resolved_duration(const Config& config, std::string_view key) {
    const auto* option = find_option(key);
    auto value = option ? resolved(*option, config) : std::nullopt;
    if (!value || !std::holds_alternative<milliseconds>(*value))
        throw std::logic_error(fmt::format("no duration with a default for '{}'", key));
    return std::get<milliseconds>(*value);
}

milliseconds default_for_engine(const Option& option, std::uint32_t rate, std::uint32_t period) {
    auto floor =
        option.default_value ? std::get<milliseconds>(*option.default_value) : milliseconds(0);
    if (rate == 0)
        return floor;
    return std::max(floor, milliseconds(option.default_periods * period * 1000 / rate));
}

void check_periods(const Option& option, milliseconds value, std::uint32_t rate,
                   std::uint32_t period, std::string_view spelled, std::string_view given) {
    if (option.min_periods == 0 || rate == 0)
        return;
    // Rounded up: the least whole number of milliseconds that holds them.
    auto least = milliseconds((option.min_periods * period * 1000 + rate - 1) / rate);
    if (value >= least)
        return;
    auto shown = given.empty() ? format_option_value(value) : std::string(given);
    throw ParameterError(fmt::format("invalid value '{}' for {}: expected at least {} periods, "
                                     "{} at {} frames and {} Hz: {}",
                                     shown, spelled, option.min_periods, format_option_value(least),
                                     period, rate, option.min_reason),
                         std::string(option.hint));
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

std::span<const CommandLineWord> command_line_words() {
    return command_words;
}

const CommandLineWord& command_line_word(std::string_view name) {
    for (const auto& word : command_words)
        if (word.name == name)
            return word;
    throw std::logic_error(fmt::format("no command-line word '{}'", name));
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
        if (std::get<milliseconds>(value) < option.min_duration)
            throw too_short(option, shown, spelled);
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
