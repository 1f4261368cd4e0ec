// SPDX-License-Identifier: GPL-2.0-or-later
#include "os/read_all.hpp"

#include <cerrno>
#include <unistd.h>

namespace jack_server::detail {

std::string read_all(int fd) {
    std::string text;
    char buffer[4096];
    for (;;) {
        auto got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return text;
        text.append(buffer, static_cast<std::size_t>(got));
    }
}

} // namespace jack_server::detail
