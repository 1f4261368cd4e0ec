// SPDX-License-Identifier: GPL-2.0-or-later
#include "process/pid_file.hpp"

#include "errors.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace jack_server::detail {

namespace {

std::string read_pid(int fd) {
    char buffer[32] = {};
    auto got = ::pread(fd, buffer, sizeof buffer - 1, 0);
    std::string text(buffer, got > 0 ? static_cast<std::size_t>(got) : 0);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text.empty() ? "unknown" : text;
}

FileError system_error(const std::string& what, const std::string& path) {
    return FileError(fmt::format("cannot {} pid file '{}': {}", what, path, std::strerror(errno)));
}

// Locks the file at path, or says who holds it. Returns the locked descriptor.
int open_locked(const std::string& path) {
    for (;;) {
        int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            throw system_error("open", path);
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            auto pid = read_pid(fd);
            ::close(fd);
            throw ServerNotOpenedError(
                fmt::format("already running (pid {}): pid file '{}' is locked", pid, path));
        }
        // The holder may have removed or replaced the file between our open
        // and our lock: only a lock on the inode that is at path counts.
        struct stat opened {
        }, current{};
        if (::fstat(fd, &opened) == 0 && ::stat(path.c_str(), &current) == 0 &&
            opened.st_ino == current.st_ino && opened.st_dev == current.st_dev)
            return fd;
        ::close(fd);
    }
}

// Gives up a pid file we hold the lock of: no live daemon owns it (we could
// lock it), so it goes, rather than stay behind empty or stale.
void remove_locked(const std::string& path, int fd) {
    ::unlink(path.c_str());
    ::close(fd);
}

} // namespace

PidFile::PidFile(std::string path) : path_(std::move(path)) {
    int stale = open_locked(path_);
    auto temporary = path_ + ".tmp";
    int fd = ::open(temporary.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        auto error = system_error("write", path_);
        remove_locked(path_, stale);
        throw error;
    }
    ::flock(fd, LOCK_EX | LOCK_NB);
    auto text = fmt::format("{}\n", getpid());
    bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    if (!written || ::rename(temporary.c_str(), path_.c_str()) != 0) {
        auto error = system_error("write", path_);
        ::unlink(temporary.c_str());
        ::close(fd);
        remove_locked(path_, stale);
        throw error;
    }
    // The lock now lives on the renamed file; the old inode is gone from the path.
    ::close(stale);
    fd_ = fd;
    removed_at_quick_exit_.emplace([path = path_] { ::unlink(path.c_str()); });
}

PidFile::~PidFile() {
    ::unlink(path_.c_str());
    ::close(fd_);
}

} // namespace jack_server::detail
