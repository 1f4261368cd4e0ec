// SPDX-License-Identifier: GPL-2.0-or-later
#include "log.hpp"

#include "engine/late_clients.hpp"
#include "jack_server/output.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <string>
#include <sys/stat.h>

namespace jack_server {

namespace {

// systemd sets JOURNAL_STREAM to "device:inode" of the stream it connected to
// stderr; only when they match is our stderr really the journal.
bool stderr_is_journal() {
    const char* stream = std::getenv("JOURNAL_STREAM");
    struct stat info {};
    if (stream == nullptr || fstat(STDERR_FILENO, &info) != 0)
        return false;
    unsigned long long device = 0, inode = 0;
    if (std::sscanf(stream, "%llu:%llu", &device, &inode) != 2)
        return false;
    return device == info.st_dev && inode == info.st_ino;
}

// "%*" prints the sd-daemon priority prefix ("<3>" for errors) journald reads.
class JournalPriority : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg& message, const std::tm&,
                spdlog::memory_buf_t& out) override {
        static constexpr const char* prefixes[] = {"<7>", "<7>", "<6>", "<4>", "<3>", "<2>", "<6>"};
        std::string_view prefix = prefixes[message.level];
        out.append(prefix.data(), prefix.data() + prefix.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<JournalPriority>();
    }
};

// --log-format json: one object a line, {"time", "level", "source", "message"},
// for log shippers. nlohmann-json escapes whatever JACK writes.
class JsonFormatter : public spdlog::formatter {
public:
    void format(const spdlog::details::log_msg& message, spdlog::memory_buf_t& out) override {
        auto seconds = std::chrono::system_clock::to_time_t(message.time);
        auto millis =
            std::chrono::duration_cast<std::chrono::milliseconds>(message.time.time_since_epoch())
                .count() %
            1000;
        std::tm utc{};
        gmtime_r(&seconds, &utc);
        char stamp[32];
        std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
        auto level = spdlog::level::to_string_view(message.level);
        nlohmann::json line{
            {"time", fmt::format("{}.{:03}Z", stamp, millis)},
            {"level", std::string(level.data(), level.size())},
            {"source", std::string(message.logger_name.data(), message.logger_name.size())},
            {"message", std::string(message.payload.data(), message.payload.size())},
        };
        auto text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
        out.append(text.data(), text.data() + text.size());
    }
    std::unique_ptr<spdlog::formatter> clone() const override {
        return std::make_unique<JsonFormatter>();
    }
};

spdlog::level::level_enum to_spdlog(LogLevel level) {
    switch (level) {
    case LogLevel::error:
        return spdlog::level::err;
    case LogLevel::warn:
        return spdlog::level::warn;
    case LogLevel::info:
        return spdlog::level::info;
    case LogLevel::debug:
        return spdlog::level::debug;
    }
    return spdlog::level::info;
}

std::unique_ptr<spdlog::formatter> make_formatter(LogFormat format) {
    if (format == LogFormat::json)
        return std::make_unique<JsonFormatter>();
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    if (stderr_is_journal())
        formatter->add_flag<JournalPriority>('*').set_pattern("%*%n: %v");
    else
        formatter->set_pattern("%Y-%m-%d %H:%M:%S.%e %n %^%l%$: %v");
    return formatter;
}

std::shared_ptr<spdlog::logger> logger(const std::string& name,
                                       const std::shared_ptr<spdlog::sinks::sink>& sink) {
    auto existing = spdlog::get(name);
    if (existing)
        spdlog::drop(name);
    auto created = std::make_shared<spdlog::logger>(name, sink);
    spdlog::register_logger(created);
    return created;
}

} // namespace

void setup_logging(const DaemonOptions& options) {
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    sink->set_formatter(make_formatter(options.log_format));

    auto daemon = logger("jack-server", sink);
    auto jack = logger("jack", sink);
    for (const auto& each : {daemon, jack}) {
        each->set_level(to_spdlog(options.log_level));
        each->flush_on(spdlog::level::trace);
    }
    spdlog::set_default_logger(daemon);

    set_info_function([jack](std::string_view message) { jack->info("{}", message); });
    // Late clients are counted from JACK's error lines, --silent or not.
    set_error_function([jack, silent = options.silent](std::string_view message) {
        detail::LateClients::of_process().note(message);
        if (!silent)
            jack->error("{}", message);
    });
}

void log_error(std::string_view message) {
    spdlog::error("{}", message);
}

std::string_view to_string(LogLevel level) {
    switch (level) {
    case LogLevel::error:
        return "error";
    case LogLevel::warn:
        return "warn";
    case LogLevel::info:
        return "info";
    case LogLevel::debug:
        return "debug";
    }
    return "info";
}

} // namespace jack_server

namespace jack_server::log {

namespace {

spdlog::level::level_enum to_spdlog(Level level) {
    switch (level) {
    case Level::debug:
        return spdlog::level::debug;
    case Level::info:
        return spdlog::level::info;
    case Level::warn:
        return spdlog::level::warn;
    case Level::error:
        return spdlog::level::err;
    case Level::critical:
        return spdlog::level::critical;
    }
    return spdlog::level::info;
}

} // namespace

bool enabled(Level level) noexcept {
    return spdlog::default_logger_raw()->should_log(to_spdlog(level));
}

void write(Level level, std::string_view message) {
    spdlog::default_logger_raw()->log(to_spdlog(level), message);
}

void flush() noexcept {
    try {
        spdlog::default_logger_raw()->flush();
    } catch (...) {
        // Nothing more can be said on the way out.
    }
}

} // namespace jack_server::log
