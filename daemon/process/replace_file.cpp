// SPDX-License-Identifier: GPL-2.0-or-later
#include "process/replace_file.hpp"

#include "errors.hpp"
#include "jack_server/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

namespace jack_server::detail {

namespace {

FileError file_error(std::string_view what, const std::string& path, int error) {
    return FileError(fmt::format("cannot write {} '{}': {}", what, path, std::strerror(error)));
}

// Errors name path, the file the user asked for, not its temporary.
int create_temporary(const std::string& path, std::string_view what) {
    int fd = ::open((path + ".tmp").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw file_error(what, path, errno);
    return fd;
}

// False with errno set when a write fails.
bool write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        auto wrote = ::write(fd, text.data(), text.size());
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote == 0)
            errno = ENOSPC; // no progress and no error: nowhere left to write
        if (wrote <= 0)
            return false;
        text.remove_prefix(static_cast<std::size_t>(wrote));
    }
    return true;
}

} // namespace

void replace_file(const std::string& path, std::string_view text, std::string_view what) {
    auto temporary = path + ".tmp";
    int fd = create_temporary(path, what);
    // The first step that fails gives its errno; the later ones are skipped.
    int error = 0;
    if (!write_all(fd, text) || ::fsync(fd) != 0)
        error = errno;
    if (::close(fd) != 0 && error == 0)
        error = errno;
    if (error == 0 && std::rename(temporary.c_str(), path.c_str()) != 0)
        error = errno;
    if (error == 0)
        return;
    ::unlink(temporary.c_str());
    throw file_error(what, path, error);
}

void check_replaceable(const std::string& path, std::string_view what) {
    ::close(create_temporary(path, what));
    ::unlink((path + ".tmp").c_str());
}

} // namespace jack_server::detail
