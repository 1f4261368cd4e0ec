// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace jack_server::detail {

// Ends the process with `status` when the object still exists `limit` after
// it was made: a guard around a libjackserver call that may never return (a
// driver switch whose device open blocks, or that a connecting client wedged).
// The main thread is then stuck inside JACK and cannot act, so a thread of
// the guard's own logs `what` and calls std::quick_exit: the supervisor gets a status it
// restarts on instead of a daemon that hangs. Destroying it disarms it.
class Deadline {
public:
    Deadline(std::chrono::milliseconds limit, int status, std::string what);
    ~Deadline();
    Deadline(const Deadline&) = delete;
    Deadline& operator=(const Deadline&) = delete;

private:
    void wait_or_exit(std::chrono::milliseconds limit, int status, const std::string& what);

    std::mutex mutex_;
    std::condition_variable disarmed_changed_;
    bool disarmed_ = false;
    std::thread thread_;
};

} // namespace jack_server::detail
