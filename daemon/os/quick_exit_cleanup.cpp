// SPDX-License-Identifier: GPL-2.0-or-later
#include "quick_exit_cleanup.hpp"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <vector>

namespace jack_server::detail {

namespace {

struct Cleanups {
    std::mutex mutex;
    std::vector<std::function<void()>*> functions;
};

void run_cleanups() noexcept;

Cleanups& cleanups() {
    // Never destroyed: quick_exit may come while static destructors run.
    static Cleanups* all = [] {
        std::at_quick_exit(run_cleanups);
        return new Cleanups;
    }();
    return *all;
}

void run_cleanups() noexcept {
    auto& all = cleanups();
    std::unique_lock lock(all.mutex, std::try_to_lock);
    if (!lock.owns_lock())
        return;
    for (auto* cleanup : all.functions)
        try {
            (*cleanup)();
        } catch (...) {
        }
}

} // namespace

QuickExitCleanup::QuickExitCleanup(std::function<void()> cleanup) : cleanup_(std::move(cleanup)) {
    auto& all = cleanups();
    std::lock_guard lock(all.mutex);
    all.functions.push_back(&cleanup_);
}

QuickExitCleanup::~QuickExitCleanup() {
    auto& all = cleanups();
    std::lock_guard lock(all.mutex);
    std::erase(all.functions, &cleanup_);
}

} // namespace jack_server::detail
