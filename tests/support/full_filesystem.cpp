// SPDX-License-Identifier: GPL-2.0-or-later
#include "full_filesystem.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <stdexcept>
#include <sys/mount.h>
#include <unistd.h>
#include <vector>

namespace test {

std::optional<FullFilesystem> FullFilesystem::make(std::string& why_not) {
    // Private mounts first, so the tmpfs never shows in the machine's namespace.
    // Without CAP_SYS_ADMIN unshare fails (EPERM); in a chroot, whose "/" is
    // no mount point, making "/" private fails (EINVAL). Both are the machine's
    // limits, not the daemon's failure.
    if (::unshare(CLONE_NEWNS) != 0) {
        why_not = std::string("no private mount namespace (needs CAP_SYS_ADMIN): unshare: ") +
                  std::strerror(errno);
        return std::nullopt;
    }
    if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        why_not = std::string("no private mount namespace (is / a mount point, or is this a "
                              "chroot?): making / private: ") +
                  std::strerror(errno);
        return std::nullopt;
    }
    char directory[] = "/tmp/jack-server-full-XXXXXX";
    if (!::mkdtemp(directory))
        throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
    if (::mount("tmpfs", directory, "tmpfs", 0, "size=64k") != 0) {
        int error = errno;
        ::rmdir(directory);
        // A namespace that may not mount (a container's seccomp or LSM policy).
        if (error == EPERM || error == EACCES) {
            why_not = std::string("cannot mount a tmpfs: ") + std::strerror(error);
            return std::nullopt;
        }
        throw std::runtime_error(std::string("mount tmpfs on ") + directory + ": " +
                                 std::strerror(error));
    }
    return FullFilesystem(directory);
}

FullFilesystem::FullFilesystem(FullFilesystem&& other) noexcept
    : directory_(std::move(other.directory_)) {
    other.directory_.clear();
}

FullFilesystem::~FullFilesystem() {
    if (directory_.empty())
        return;
    ::umount2(directory_.c_str(), MNT_DETACH);
    ::rmdir(directory_.c_str());
}

void FullFilesystem::fill() const {
    int fd = ::open(path("filler").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    std::vector<char> block(4096, 'x');
    while (fd >= 0 && ::write(fd, block.data(), block.size()) > 0) {
    }
    ::close(fd);
}

} // namespace test
