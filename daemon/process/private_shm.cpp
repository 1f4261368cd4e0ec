// SPDX-License-Identifier: GPL-2.0-or-later
#include "process/private_shm.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sched.h>
#include <string>
#include <unistd.h>

#if defined(__linux__)
#include <sys/mount.h>
#include <sys/resource.h>
#endif

namespace jack_server::detail {

#if defined(__linux__)

namespace {

constexpr std::string_view allow_user_namespaces =
    "run without --private-shm, or allow user namespaces (sysctl "
    "kernel.unprivileged_userns_clone=1 and user.max_user_namespaces above 0 on the host; in a "
    "container, a seccomp profile that permits unshare)";

// The kernel's own words for the refusals a user namespace meets, where
// strerror() would mislead ("No space left on device").
std::string reason(int error) {
    if (error == ENOSPC || error == EUSERS)
        return "the limit of user namespaces (user.max_user_namespaces) is reached";
    if (error == EINVAL)
        return fmt::format("{} (the process has threads already)", std::strerror(error));
    return std::strerror(error);
}

[[noreturn]] void refused(std::string_view call, int error, std::string_view what_to_do) {
    throw PrivateShmRefused(
        fmt::format("--private-shm: {} was refused: {}; {}", call, reason(error), what_to_do));
}

void write_file(const char* path, const std::string& text) {
    int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        refused(fmt::format("opening {}", path), errno, allow_user_namespaces);
    auto written = ::write(fd, text.data(), text.size());
    int error = errno;
    ::close(fd);
    if (written != static_cast<ssize_t>(text.size()))
        refused(fmt::format("writing '{}' to {}", text, path), written < 0 ? error : EIO,
                allow_user_namespaces);
}

} // namespace

PrivateShm enter_private_shm() {
    PrivateShm made;
    // The ids before the user namespace: inside it they read as the overflow
    // ids until the maps are written.
    auto uid = ::geteuid();
    auto gid = ::getegid();
    if (::unshare(CLONE_NEWNS) != 0) {
        if (errno != EPERM)
            refused("unshare(CLONE_NEWNS)", errno, allow_user_namespaces);
        // No CAP_SYS_ADMIN here: a user namespace grants it inside.
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            refused("unshare(CLONE_NEWUSER|CLONE_NEWNS)", errno, allow_user_namespaces);
        made.user_namespace = true;
        write_file("/proc/self/setgroups", "deny");
        write_file("/proc/self/uid_map", fmt::format("{} {} 1", uid, uid));
        write_file("/proc/self/gid_map", fmt::format("{} {} 1", gid, gid));
    }
    // Shared mounts would carry the tmpfs back to the machine's /dev/shm.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        refused("mount(MS_REC|MS_PRIVATE) of /", errno, allow_user_namespaces);
    if (::mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777") != 0) {
        int error = errno;
        refused("mount of a tmpfs on /dev/shm", error,
                error == ENOENT ? std::string_view("run without --private-shm on a system "
                                                   "that has no /dev/shm")
                                : allow_user_namespaces);
    }
    return made;
}

bool realtime_allowed(int priority) noexcept {
    int policy = ::sched_getscheduler(0);
    sched_param previous{};
    if (policy < 0 || ::sched_getparam(0, &previous) != 0)
        return false;
    sched_param wanted{};
    wanted.sched_priority = priority;
    if (::sched_setscheduler(0, SCHED_FIFO, &wanted) != 0)
        return false;
    ::sched_setscheduler(0, policy, &previous);
    return true;
}

std::string realtime_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_RTPRIO, &limit) != 0)
        return "unknown";
    return limit.rlim_cur == RLIM_INFINITY ? "unlimited" : std::to_string(limit.rlim_cur);
}

#else

PrivateShm enter_private_shm() {
    throw PrivateShmRefused("--private-shm: this system has no mount namespaces; run without "
                            "--private-shm");
}

bool realtime_allowed(int) noexcept {
    return false;
}

std::string realtime_limit() {
    return "unknown";
}

#endif

} // namespace jack_server::detail
