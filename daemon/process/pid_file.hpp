// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "os/quick_exit_cleanup.hpp"

#include <optional>
#include <string>

namespace jack_server::detail {

// --pid-file: holds an flock on the file for as long as the daemon runs, so a
// second daemon with the same file refuses, and a file left by a killed daemon
// (nobody holds its lock) does not block. The pid is written to a temporary
// file renamed over the path, so a reader never sees a half-written file.
// Removed when destroyed (a clean exit) and at std::quick_exit (a deadline).
class PidFile {
public:
    // Throws ServerNotOpenedError "already running (pid N)" when another
    // daemon holds the file, Error when it cannot be written.
    explicit PidFile(std::string path);
    ~PidFile();
    PidFile(const PidFile&) = delete;
    PidFile& operator=(const PidFile&) = delete;

private:
    std::string path_;
    int fd_ = -1;
    std::optional<QuickExitCleanup> removed_at_quick_exit_;
};

} // namespace jack_server::detail
