// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>

namespace test {

// A path in /tmp, unique to this test process: "/tmp/jack-server-test-PID-what".
std::string temporary_path(const std::string& what);

// The whole file; empty when it cannot be read.
std::string read_file(const std::string& path);

bool exists(const std::string& path);

// A config file of the test's own (temporary_path(what) + ".toml"), removed
// at the end. write() replaces it whole, so a reload never reads half a file.
class ConfigFile {
public:
    explicit ConfigFile(const std::string& what);
    ~ConfigFile();
    ConfigFile(const ConfigFile&) = delete;
    ConfigFile& operator=(const ConfigFile&) = delete;

    void write(const std::string& text) const;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

} // namespace test
