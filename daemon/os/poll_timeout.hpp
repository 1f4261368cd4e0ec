// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <algorithm>
#include <chrono>
#include <climits>
#include <optional>

namespace jack_server::detail {

// poll()'s timeout until `until`: whole milliseconds rounded up (so a wait
// never wakes just before its time and spins), 0 when it passed, -1 (for
// ever) when there is none.
inline int poll_timeout(std::optional<std::chrono::steady_clock::time_point> until) {
    if (!until)
        return -1;
    auto left =
        std::chrono::ceil<std::chrono::milliseconds>(*until - std::chrono::steady_clock::now());
    return static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(left.count(), 0, INT_MAX));
}

} // namespace jack_server::detail
