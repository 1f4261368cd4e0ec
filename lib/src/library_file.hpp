// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <filesystem>

// The library's private helpers: hidden, so only the public API is exported.
#pragma GCC visibility push(hidden)

namespace jack_server::detail {

// The libjackserver file this process loaded, as the dynamic loader found it
// (LD_LIBRARY_PATH may have picked another than the system's). Empty when it
// cannot be told.
std::filesystem::path libjackserver_file();

} // namespace jack_server::detail

#pragma GCC visibility pop
