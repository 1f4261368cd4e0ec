// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace jack_server::detail {

// Replaces the file at path with text, atomically: written to "path.tmp",
// flushed to disk, renamed over path. Readers see the old file or the whole
// new one; on failure the temporary file is removed and path is untouched.
// Throws FileError naming the file and the system's reason.
void replace_file(const std::string& path, std::string_view text, std::string_view what);

// Checks now that replace_file(path) could create its temporary file (the
// directory exists, is a directory, is writable), so the daemon refuses at
// start rather than failing at exit. A full disk only shows when writing.
void check_replaceable(const std::string& path, std::string_view what);

} // namespace jack_server::detail
