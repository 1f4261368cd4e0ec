// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

namespace jack_server::detail {

// A pipe whose ends never block and are closed on exec: the POSIX event loop's
// way to wake its poll() from a signal handler or another thread.
class Pipe {
public:
    // Throws std::system_error.
    Pipe();
    ~Pipe();
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;

    int read_end() const { return fds_[0]; }
    int write_end() const { return fds_[1]; }
    // Reads and discards what is in the pipe.
    void drain() noexcept;

private:
    int fds_[2] = {-1, -1};
};

} // namespace jack_server::detail
