#include "full_filesystem.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>
#include <vector>

namespace test {

std::optional<FullFilesystem> FullFilesystem::make(std::string& why_not) {
    // Private mounts first, so the tmpfs never shows in the machine's namespace.
    if (::unshare(CLONE_NEWNS) != 0 ||
        ::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        why_not = std::string("no private mount namespace (needs root): ") + std::strerror(errno);
        return std::nullopt;
    }
    char directory[] = "/tmp/jack-server-full-XXXXXX";
    if (!::mkdtemp(directory)) {
        why_not = std::string("mkdtemp: ") + std::strerror(errno);
        return std::nullopt;
    }
    if (::mount("tmpfs", directory, "tmpfs", 0, "size=64k") != 0) {
        why_not = std::string("mount tmpfs: ") + std::strerror(errno);
        ::rmdir(directory);
        return std::nullopt;
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
