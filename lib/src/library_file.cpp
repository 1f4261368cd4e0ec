// SPDX-License-Identifier: GPL-2.0-or-later
#include "library_file.hpp"

#include <dlfcn.h>
#include <jack/control.h>

namespace jack_server::detail {

std::filesystem::path libjackserver_file() {
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&jackctl_server_create2), &info) == 0 ||
        info.dli_fname == nullptr)
        return {};
    return info.dli_fname;
}

} // namespace jack_server::detail
