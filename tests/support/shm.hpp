// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>
#include <vector>

namespace test {

// The files and sockets under /dev/shm (searched recursively) whose name
// contains server_name: what a server of that name left behind. Empty after a
// clean stop.
std::vector<std::string> jack_files_of(const std::string& server_name);

// The same, joined one a line, for a failure message.
std::string describe(const std::vector<std::string>& files);

} // namespace test
