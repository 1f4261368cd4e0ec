// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/deadline.hpp"

#include "config/duration.hpp"
#include "log.hpp"

#include <cstdlib>

namespace jack_server::detail {

Deadline::Deadline(std::chrono::milliseconds limit, int status, std::string what)
    : thread_(
          [this, limit, status, what = std::move(what)] { wait_or_exit(limit, status, what); }) {}

Deadline::~Deadline() {
    {
        std::lock_guard lock(mutex_);
        disarmed_ = true;
    }
    disarmed_changed_.notify_one();
    thread_.join();
}

void Deadline::wait_or_exit(std::chrono::milliseconds limit, int status, const std::string& what) {
    std::unique_lock lock(mutex_);
    if (disarmed_changed_.wait_for(lock, limit, [this] { return disarmed_; }))
        return;
    log::critical("{} did not finish within {}; exiting with status {} for a restart", what,
                  format_duration(limit), status);
    log::flush();
    // quick_exit: what the process owns on disk goes (QuickExitCleanup),
    // and no destructor waits for the stuck main thread.
    std::quick_exit(status);
}

} // namespace jack_server::detail
