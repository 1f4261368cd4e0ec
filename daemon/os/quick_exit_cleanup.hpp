// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <functional>

namespace jack_server::detail {

// A cleanup that std::quick_exit runs while this object exists. The daemon
// ends with quick_exit where libjackserver may never return or must not be
// stopped (a deadline, an engine left without a driver): no destructor runs
// then, yet what the process owns on disk (its pid file, its plugin folder)
// must go. Cleanups run on the thread that calls quick_exit, which may not be
// the main thread: they must not wait for a lock the main thread may hold.
class QuickExitCleanup {
public:
    explicit QuickExitCleanup(std::function<void()> cleanup);
    ~QuickExitCleanup();
    QuickExitCleanup(const QuickExitCleanup&) = delete;
    QuickExitCleanup& operator=(const QuickExitCleanup&) = delete;

private:
    std::function<void()> cleanup_;
};

} // namespace jack_server::detail
