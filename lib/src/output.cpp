// SPDX-License-Identifier: GPL-2.0-or-later
#include "jack_server/output.hpp"

#include "output_capture.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <jack/jack.h>
#include <memory>
#include <mutex>
#include <utility>

namespace jack_server {

namespace {

void print_to_stderr(std::string_view message) {
    std::fprintf(stderr, "%.*s\n", static_cast<int>(message.size()), message.data());
}

// JACK calls its output functions from several threads; the user may replace
// them at any time. One mutex guards both functions and the error mark, but
// is never held while a function runs: a function may replace itself.
using SharedFunction = std::shared_ptr<const OutputFunction>;

struct OutputState {
    std::mutex mutex;
    // Signalled when a call of an output function has returned.
    std::condition_variable returned;
    SharedFunction info = std::make_shared<const OutputFunction>(print_to_stderr);
    SharedFunction error = std::make_shared<const OutputFunction>(print_to_stderr);
    SharedFunction driver_failure;
    detail::ErrorMark error_count = 0;
    std::deque<std::string> recent_errors;
};

constexpr std::size_t recent_errors_kept = 16;

OutputState& state() {
    static OutputState instance;
    return instance;
}

// How many output functions this thread is inside of.
thread_local int calls_in_progress = 0;

// Calls function, a copy taken under the mutex, with the mutex not held.
void call(OutputState& s, SharedFunction function, const char* message) {
    if (!function)
        return;
    {
        struct InCall {
            InCall() { ++calls_in_progress; }
            ~InCall() { --calls_in_progress; }
        } in_call;
        (*function)(message);
    }
    {
        std::lock_guard lock(s.mutex);
        // The last copy (its function was replaced meanwhile) is destroyed
        // below, outside the mutex: its destructor is the user's code.
        if (function.use_count() > 1)
            function.reset();
    }
    s.returned.notify_all();
}

void on_jack_info(const char* message) {
    auto& s = state();
    SharedFunction info;
    {
        std::lock_guard lock(s.mutex);
        info = s.info;
    }
    call(s, std::move(info), message);
}

// JACK's audio drivers end their thread on a read or write error with one of
// these: "JackAudioDriver::ProcessAsync: write error, stopping...".
bool says_driver_stopped(std::string_view message) {
    return message.starts_with("JackAudioDriver::Process") &&
           message.ends_with("error, stopping...");
}

// The device's own words before the driver stopped: the latest error that is
// not the engine's ("JackEngine::XRun: ...", "JackAudioDriver::..."), such as
// 'ALSA: prepare error for playback on "hw:1" (No such device)'.
std::string failure_reason(const std::deque<std::string>& recent) {
    auto device_said = std::find_if(recent.rbegin() + 1, recent.rend(),
                                    [](const auto& line) { return !line.starts_with("Jack"); });
    return device_said != recent.rend() ? *device_said : recent.back();
}

void on_jack_error(const char* message) {
    auto& s = state();
    SharedFunction error, driver_failure;
    std::string reason;
    {
        std::lock_guard lock(s.mutex);
        ++s.error_count;
        s.recent_errors.emplace_back(message);
        if (s.recent_errors.size() > recent_errors_kept)
            s.recent_errors.pop_front();
        error = s.error;
        if (says_driver_stopped(message)) {
            driver_failure = s.driver_failure;
            reason = failure_reason(s.recent_errors);
        }
    }
    call(s, std::move(error), message);
    call(s, std::move(driver_failure), reason.c_str());
}

// Installs function in slot, then waits until no call of the function it
// replaces is still running, so the caller may destroy what that function
// used. Inside an output function it cannot wait: that call would be waiting
// for itself to return.
void replace(SharedFunction OutputState::*slot, OutputFunction function) {
    detail::install_output_handlers();
    auto& s = state();
    SharedFunction replacement;
    if (function)
        replacement = std::make_shared<const OutputFunction>(std::move(function));
    std::unique_lock lock(s.mutex);
    auto old = std::exchange(s.*slot, std::move(replacement));
    if (old && calls_in_progress == 0)
        s.returned.wait(lock, [&old] { return old.use_count() == 1; });
    lock.unlock();
    // old, the user's function, is destroyed here, outside the mutex.
}

} // namespace

void set_info_function(OutputFunction function) {
    replace(&OutputState::info, std::move(function));
}

void set_error_function(OutputFunction function) {
    replace(&OutputState::error, std::move(function));
}

void set_driver_failure_function(OutputFunction function) {
    replace(&OutputState::driver_failure, std::move(function));
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
