// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>
#include <memory>
#include <vector>

namespace jack_server::detail {

// logind on the system bus (org.freedesktop.login1): its delay inhibitor,
// which holds a suspend back until it is closed, and its PrepareForSleep
// signal. Polled from the run loop's ticks, never waited on.
class Logind {
public:
    virtual ~Logind() = default;
    // Takes a delay inhibitor for sleep ("jack-server"); one held already
    // stays. False when logind refused.
    virtual bool inhibit() = 0;
    // Closes the inhibitor, so that the machine may sleep.
    virtual void release_inhibitor() = 0;
    // The PrepareForSleep signals received since the last call, in order:
    // true before a suspend, false after the resume.
    virtual std::vector<bool> sleep_signals() = 0;
};

// The system bus's logind with a delay inhibitor taken; nothing (said once
// at debug level) when turned off, with no system bus, no logind on it, or
// in a build without libsystemd. reply_timeout bounds each call to logind.
std::unique_ptr<Logind> watch_logind(bool turned_off, std::chrono::milliseconds reply_timeout);

} // namespace jack_server::detail
