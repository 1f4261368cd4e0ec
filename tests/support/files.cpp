// SPDX-License-Identifier: GPL-2.0-or-later
#include "files.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace test {

std::string temporary_path(const std::string& what) {
    return "/tmp/jack-server-test-" + std::to_string(::getpid()) + "-" + what;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), {}};
}

bool exists(const std::string& path) {
    return ::access(path.c_str(), F_OK) == 0;
}

ConfigFile::ConfigFile(const std::string& what) : path_(temporary_path(what) + ".toml") {}

ConfigFile::~ConfigFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

void ConfigFile::write(const std::string& text) const {
    auto part = path_ + ".part";
    std::ofstream(part) << text;
    std::filesystem::rename(part, path_);
}

} // namespace test
