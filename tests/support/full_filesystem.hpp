// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <optional>
#include <string>

namespace test {

// A real filesystem with no space left: a small tmpfs, mounted in a mount
// namespace of this test process alone (processes it starts inherit it), then
// filled until write() fails with ENOSPC. Needs root (CAP_SYS_ADMIN) outside
// a chroot: make() returns nothing, with the reason in why_not, where the
// machine allows no private mounts (the test then skips), and throws
// std::runtime_error for any other failure.
class FullFilesystem {
public:
    static std::optional<FullFilesystem> make(std::string& why_not);
    FullFilesystem(FullFilesystem&& other) noexcept;
    FullFilesystem(const FullFilesystem&) = delete;
    FullFilesystem& operator=(const FullFilesystem&) = delete;
    FullFilesystem& operator=(FullFilesystem&&) = delete;
    ~FullFilesystem();

    // A path in it; the caller may create files there while the disk is not
    // yet full (before fill()).
    std::string path(const std::string& name) const { return directory_ + "/" + name; }
    // Writes a filler file until no space is left.
    void fill() const;

private:
    explicit FullFilesystem(std::string directory) : directory_(std::move(directory)) {}
    std::string directory_;
};

} // namespace test
