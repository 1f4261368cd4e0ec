// SPDX-License-Identifier: GPL-2.0-or-later
#include "private_shm.hpp"

#include <cerrno>
#include <cstring>
#include <sched.h>
#include <stdexcept>
#include <sys/mount.h>

namespace test {

bool use_private_dev_shm(std::string& why_not) {
    if (::unshare(CLONE_NEWNS) != 0) {
        why_not = std::string("no private mount namespace (needs CAP_SYS_ADMIN): unshare: ") +
                  std::strerror(errno);
        return false;
    }
    if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        why_not = std::string("no private mount namespace (is / a mount point, or is this a "
                              "chroot?): making / private: ") +
                  std::strerror(errno);
        return false;
    }
    if (::mount("tmpfs", "/dev/shm", "tmpfs", 0, "mode=1777") != 0) {
        int error = errno;
        if (error == EPERM || error == EACCES) {
            why_not = std::string("cannot mount a tmpfs on /dev/shm: ") + std::strerror(error);
            return false;
        }
        throw std::runtime_error(std::string("mount tmpfs on /dev/shm: ") + std::strerror(error));
    }
    return true;
}

} // namespace test
