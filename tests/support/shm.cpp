// SPDX-License-Identifier: GPL-2.0-or-later
#include "shm.hpp"

#include <filesystem>
#include <system_error>

namespace test {

std::vector<std::string> jack_files_of(const std::string& server_name) {
    std::vector<std::string> found;
    std::error_code error;
    std::filesystem::recursive_directory_iterator it(
        "/dev/shm", std::filesystem::directory_options::skip_permission_denied, error);
    for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error))
        if (it->path().filename().string().find(server_name) != std::string::npos)
            found.push_back(it->path().string());
    return found;
}

std::string describe(const std::vector<std::string>& files) {
    std::string text;
    for (const auto& file : files)
        text += file + "\n";
    return text;
}

} // namespace test
