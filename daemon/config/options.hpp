// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "config/config.hpp"
#include "jack_server/error.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace jack_server {

// jack-server's options, each described once. Three tables:
// - own_options(): what jack-server adds around the engine (logging, readiness,
//   health, files) and the top-level keys of a config file; the command line,
//   the config file, --print-config, validate(), the reload, --help and
//   --list options all read these entries;
// - server_option_spellings(): how the command line names libjackserver's
//   server parameters (-n for name, -t for client-timeout), whose type,
//   default and range come from libjackserver itself;
// - command_line_words(): the command line's own words (--help, --list,
//   --config, -X, -I, --connect, -r, ...), which set no value of a Config of
//   their own kind; cmd/jack-server declares them from these entries.
// Driver parameters are addressed by libjackserver's own id and name after
// -d NAME, and by name in a file's [driver] table.

// A value of one of jack-server's own options.
using OptionValue = std::variant<bool, std::uint64_t, std::string, std::chrono::milliseconds>;

enum class OptionKind {
    flag,     // a flag on the command line; true or false in a file
    whole,    // a whole number from min to max
    duration, // "500ms", "2s", "1.5s", "1m"; a bare number is seconds; more than 0
    text,     // a path
    word,     // one of words
};

// What a SIGHUP reload does with a new value: applies it at once, or reports
// that it needs a restart.
enum class Reload { live, restart };

struct Option {
    std::string_view key{};        // in a config file: "daemon.log-level", "loopback"
    std::string_view flags{};      // on the command line, as CLI11 lists names: "--log-level"
    std::string_view value_name{}; // the value in --help: "LEVEL"; empty for a flag
    std::string_view help{};
    OptionKind kind = OptionKind::flag;
    Reload reload = Reload::restart;
    std::uint64_t min = 0; // whole: the range
    std::uint64_t max = UINT64_MAX;
    std::span<const std::string_view> words{}; // word: the values, the default first
    std::string_view expected{}; // what a refusal says is expected, when not the kind's words
    std::string_view hint{};     // what a refusal suggests
    // The default: what a Config without the option runs with. default_value
    // when it is one value; default_periods when derived from the engine's
    // period (that many periods, at least default_value); default_text says
    // it in words where neither does ("none").
    std::optional<OptionValue> default_value{};
    std::uint64_t default_periods = 0;
    std::string_view default_text{};
    // duration: the least accepted, as a time and as periods of the engine
    // (validate() knows the driver's rate and period), and why less is refused.
    std::chrono::milliseconds min_duration{1};
    std::uint64_t min_periods = 0;
    std::string_view min_reason{};
    // A check of the process rather than of the value, made once before the
    // daemon starts (never on a reload): --ready-fd names an open descriptor.
    // Throws ParameterError naming spelled.
    void (*check_at_start)(const OptionValue& value, std::string_view spelled) = nullptr;
    // A flag's environment variable: set (to anything) it sets the flag,
    // over a file and under the command line (config_layers.hpp).
    std::string_view environment{};
    // Where the value lives in a Config; get gives std::nullopt when unset.
    std::optional<OptionValue> (*get)(const Config&) = nullptr;
    void (*set)(Config&, const OptionValue&) = nullptr;
};

std::span<const Option> own_options();
// Throws nothing; nullptr when no option has that file key.
const Option* find_option(std::string_view key);

// The default as the manuals, --help and --print-config say it: "10s",
// "100 periods, at least 2s", "info", "none".
std::string default_shown(const Option& option);

// The value the daemon runs with: the one a layer set, else the option's
// default value (std::nullopt when it has none, or one derived from the engine).
std::optional<OptionValue> resolved(const Option& option, const Config& config);
// The same for a duration option by its key, e.g. "daemon.card-return-hold".
// Throws std::logic_error for a key with no such option or default.
std::chrono::milliseconds resolved_duration(const Config& config, std::string_view key);

// A duration option's default for an engine at rate Hz and period frames:
// default_periods periods, at least default_value.
std::chrono::milliseconds default_for_engine(const Option& option, std::uint32_t rate,
                                             std::uint32_t period);

// How the command line names one of libjackserver's server parameters.
struct ServerOptionSpelling {
    std::string_view parameter;  // libjackserver's name: "client-timeout"
    std::string_view flags;      // "-t,--timeout"
    std::string_view value_name; // "MS"; empty for a flag
    std::string_view help;
};

std::span<const ServerOptionSpelling> server_option_spellings();

// One of the command line's own words.
struct CommandLineWord {
    std::string_view name;       // how cmd/ finds it: "list", "midi-driver"
    std::string_view flags;      // "-X,--midi-driver,--slave-backend"
    std::string_view value_name; // "DRIVER"; empty for a flag
    std::string_view help;
    // Where a config file says the same ("[[slave]]"); empty when it cannot.
    std::string_view file_key{};
    bool repeatable = false;
};

std::span<const CommandLineWord> command_line_words();
// Throws std::logic_error for a name no entry has (a mistake in cmd/).
const CommandLineWord& command_line_word(std::string_view name);
const ServerOptionSpelling* find_server_spelling(std::string_view parameter);

// "-n/--name", "--log-level": how a message names an option of the command line.
std::string spelled(std::string_view flags);

// Reads an option's value given as text on the command line. A flag's text is
// ignored (given means true). Throws ParameterError naming spelled.
OptionValue read_text(const Option& option, std::string_view text, std::string_view spelled);

// Checks a duration against the option's min_periods for an engine at rate
// Hz and period frames. Throws ParameterError as check() does.
void check_periods(const Option& option, std::chrono::milliseconds value, std::uint32_t rate,
                   std::uint32_t period, std::string_view spelled, std::string_view given = {});

// Checks a value against the option's rules, the same for every source.
// given is the value as the user wrote it, for the message (empty: as
// format_option_value writes it).
// Throws ParameterError "invalid value 'V' for SPELLED: expected ...".
void check(const Option& option, const OptionValue& value, std::string_view spelled,
           std::string_view given = {});

// The refusal of a value: "invalid value 'V' for SPELLED: expected ...", with
// the option's hint.
ParameterError invalid_value(const Option& option, std::string_view shown,
                             std::string_view spelled);

// The value as the command line and a config file write it: "2s", "json", "3".
std::string format_option_value(const OptionValue& value);

// What the option accepts, for refusals and documentation.
std::string describe_expected(const Option& option);

} // namespace jack_server
