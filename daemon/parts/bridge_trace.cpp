// SPDX-License-Identifier: GPL-2.0-or-later
#include "parts/bridge_trace.hpp"

#include "log.hpp"
#include "os/read_all.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <fcntl.h>
#include <stdlib.h>
#include <system_error>
#include <termios.h>
#include <unistd.h>
#include <utility>

namespace jack_server::detail {

namespace {

// The next word of line (past blanks), and the rest after it.
std::string_view next_word(std::string_view& line) {
    auto start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos)
        return line = {};
    auto end = line.find_first_of(" \t", start);
    auto word = line.substr(start, end - start);
    line = end == std::string_view::npos ? std::string_view{} : line.substr(end);
    return word;
}

template <typename Number> bool parse_number(std::string_view word, Number& number) {
    auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), number);
    return error == std::errc{} && end == word.data() + word.size();
}

// "  nchan  : 2", "capture  :": a word, blanks, a colon.
bool is_setting(std::string_view line) {
    auto rest = line;
    auto word = next_word(rest);
    auto colon = rest.find_first_not_of(" \t");
    return !word.empty() && colon != std::string_view::npos && colon > 0 && rest[colon] == ':';
}

} // namespace

BridgeLine parse_bridge_line(std::string_view line) {
    if (line.starts_with("Starting synchronisation"))
        return {BridgeLine::Kind::synchronising, std::nullopt};
    if (line.starts_with("Detected excessive timing errors"))
        return {BridgeLine::Kind::timing_errors, std::nullopt};
    if (is_setting(line))
        return {BridgeLine::Kind::setting, std::nullopt};
    auto rest = line;
    auto error_word = next_word(rest), ratio_word = next_word(rest), queued_word = next_word(rest);
    double error = 0, ratio = 0;
    long queued = 0;
    if (!next_word(rest).empty() || !parse_number(error_word, error) ||
        !parse_number(ratio_word, ratio) || !parse_number(queued_word, queued))
        return {};
    return {BridgeLine::Kind::trace, std::isfinite(ratio) ? std::optional(ratio) : std::nullopt};
}

BridgeTrace::BridgeTrace(std::string card, std::string bridge)
    : card_(std::move(card)), bridge_(std::move(bridge)) {
    // O_NOCTTY: a daemon that is a session leader (--background) must not
    // make it its controlling terminal.
    reader_ = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (reader_ >= 0) {
        ::fcntl(reader_, F_SETFD, FD_CLOEXEC);
        ::fcntl(reader_, F_SETFL, ::fcntl(reader_, F_GETFL) | O_NONBLOCK);
    }
    char name[128];
    if (reader_ < 0 || ::grantpt(reader_) != 0 || ::unlockpt(reader_) != 0 ||
        ::ptsname_r(reader_, name, sizeof name) != 0 ||
        (terminal_ = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0) {
        int error = errno;
        if (reader_ >= 0)
            ::close(reader_);
        throw std::system_error(error, std::system_category(), "pseudo-terminal");
    }
    // Raw: "\n" stays "\n" (not "\r\n"), no echo, no signal from a byte.
    termios raw{};
    ::tcgetattr(terminal_, &raw);
    ::cfmakeraw(&raw);
    ::tcsetattr(terminal_, TCSANOW, &raw);
}

BridgeTrace::~BridgeTrace() {
    started();
    ::close(reader_);
}

void BridgeTrace::started() {
    if (terminal_ >= 0)
        ::close(terminal_);
    terminal_ = -1;
}

void BridgeTrace::read() {
    // Until EAGAIN (nothing more now) or EIO (the bridge has closed its end).
    partial_ += read_all(reader_);
    std::string_view text = partial_;
    for (auto end = text.find('\n'); end != std::string_view::npos; end = text.find('\n')) {
        take(text.substr(0, end));
        text.remove_prefix(end + 1);
    }
    partial_.erase(0, partial_.size() - text.size());
}

void BridgeTrace::take(std::string_view line) {
    while (line.ends_with('\r')) // a terminal that could not be made raw
        line.remove_suffix(1);
    auto parsed = parse_bridge_line(line);
    switch (parsed.kind) {
    case BridgeLine::Kind::trace:
        ratio_ = parsed.ratio;
        if (ratio_)
            lost_since_.reset();
        else if (!lost_since_)
            lost_since_ = std::chrono::steady_clock::now();
        return;
    case BridgeLine::Kind::timing_errors:
        note_break();
        break; // and logged
    case BridgeLine::Kind::synchronising:
        if (std::exchange(synchronised_, true))
            note_break();
        broken_ = false;
        lost_since_.reset();
        return;
    case BridgeLine::Kind::setting:
        log::debug("card {}: {}: {}", card_, bridge_, line);
        return;
    case BridgeLine::Kind::other:
        break;
    }
    if (!line.empty())
        log::info("card {}: {}: {}", card_, bridge_, line);
}

// A break is counted once, however many lines tell of it.
void BridgeTrace::note_break() {
    if (!std::exchange(broken_, true))
        ++restarts_;
}

} // namespace jack_server::detail
