#include "jack_server/output.hpp"

#include "output_capture.hpp"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <jack/jack.h>
#include <mutex>

namespace jack_server {

namespace {

void print_to_stderr(std::string_view message) {
    std::fprintf(stderr, "%.*s\n", static_cast<int>(message.size()), message.data());
}

// JACK calls its output functions from several threads; the user may replace
// them at any time. One mutex guards both functions and the error mark.
struct OutputState {
    std::mutex mutex;
    OutputFunction info = print_to_stderr;
    OutputFunction error = print_to_stderr;
    detail::ErrorMark error_count = 0;
    std::deque<std::string> recent_errors;
};

constexpr std::size_t recent_errors_kept = 16;

OutputState& state() {
    static OutputState instance;
    return instance;
}

void on_jack_info(const char* message) {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    if (s.info)
        s.info(message);
}

void on_jack_error(const char* message) {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    ++s.error_count;
    s.recent_errors.emplace_back(message);
    if (s.recent_errors.size() > recent_errors_kept)
        s.recent_errors.pop_front();
    if (s.error)
        s.error(message);
}

} // namespace

void set_info_function(OutputFunction function) {
    detail::install_output_handlers();
    std::lock_guard lock(state().mutex);
    state().info = std::move(function);
}

void set_error_function(OutputFunction function) {
    detail::install_output_handlers();
    std::lock_guard lock(state().mutex);
    state().error = std::move(function);
}

namespace detail {

void install_output_handlers() {
    static std::once_flag once;
    std::call_once(once, [] {
        jack_set_info_function(on_jack_info);
        jack_set_error_function(on_jack_error);
    });
}

ErrorMark error_mark() {
    std::lock_guard lock(state().mutex);
    return state().error_count;
}

std::vector<std::string> errors_since(ErrorMark mark) {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    auto wanted = std::min<std::uint64_t>(s.error_count - mark, s.recent_errors.size());
    return {s.recent_errors.end() - static_cast<std::ptrdiff_t>(wanted), s.recent_errors.end()};
}

} // namespace detail

} // namespace jack_server
