// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>

namespace test {

// A path in /tmp, unique to this test process: "/tmp/jack-server-test-PID-what".
std::string temporary_path(const std::string& what);

// The whole file; empty when it cannot be read.
std::string read_file(const std::string& path);

bool exists(const std::string& path);

} // namespace test
