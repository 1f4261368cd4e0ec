// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

// The event loops this platform has, for tests that run against each of them
// (INSTANTIATE_TEST_SUITE_P(..., testing::ValuesIn(event_loop_implementations()),
// implementation_name)).

#include "os/event_loop.hpp"

#include <gtest/gtest.h>
#include <initializer_list>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace test {

struct EventLoopImplementation {
    std::string name;
    std::unique_ptr<jack_server::detail::EventLoop> (*make)(std::initializer_list<int> signals);
};

// Names it in test output (and in ctest's names) instead of its bytes.
inline void PrintTo(const EventLoopImplementation& implementation, std::ostream* out) {
    *out << implementation.name;
}

inline std::vector<EventLoopImplementation> event_loop_implementations() {
    return {
#if defined(__linux__)
        {"Linux", &jack_server::detail::make_linux_event_loop},
#endif
            {"Posix", &jack_server::detail::make_posix_event_loop},
    };
}

inline std::string
implementation_name(const testing::TestParamInfo<EventLoopImplementation>& info) {
    return info.param.name;
}

// The daemon's signals.
inline std::unique_ptr<jack_server::detail::EventLoop>
make_daemon_loop(const EventLoopImplementation& implementation) {
    return implementation.make({SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2});
}

} // namespace test
