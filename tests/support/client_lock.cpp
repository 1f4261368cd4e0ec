// SPDX-License-Identifier: GPL-2.0-or-later
#include "client_lock.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/file.h>
#include <unistd.h>

namespace test {

namespace {

// One path for every build tree and user on the machine: the sockets it
// guards are machine-wide too.
constexpr const char* lock_path = "/tmp/jack-server-tests-client.lock";

// Read-only, as flock(1) opens it: flock needs no write access, and the file
// is another user's (0644 after the umask) when that user's tests made it.
// Opened without O_CREAT first: fs.protected_regular refuses O_CREAT on
// another user's file in /tmp even when it exists.
int open_lock() {
    int fd = ::open(lock_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        fd = ::open(lock_path, O_RDONLY | O_CREAT | O_CLOEXEC, 0666);
    return fd;
}

} // namespace

ClientLock::ClientLock() : fd_(open_lock()) {
    if (fd_ < 0)
        throw std::runtime_error(std::string("cannot open ") + lock_path + ": " +
                                 std::strerror(errno));
    while (::flock(fd_, LOCK_EX) != 0)
        if (errno != EINTR)
            throw std::runtime_error(std::string("cannot lock ") + lock_path + ": " +
                                     std::strerror(errno));
}

ClientLock::~ClientLock() {
    ::close(fd_); // closing the only descriptor releases the lock
}

bool is_jack_tool(const char* argv0) {
    std::string_view path(argv0);
    auto slash = path.rfind('/');
    auto name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    return name.starts_with("jack_");
}

} // namespace test
