// SPDX-License-Identifier: GPL-2.0-or-later
#include "semaphore_leftovers.hpp"

#include <cstdlib>
#include <string_view>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace jack_server::detail {

namespace {

// Whether "rest" (what follows "<server>_") could begin with the rest of
// another running server's name, "<server>_<more>".
bool may_belong_to_another_server(const std::filesystem::path& dir, const std::string& server_name,
                                  std::string_view rest, const std::string& uid) {
    for (auto at = rest.find('_'); at != std::string_view::npos; at = rest.find('_', at + 1)) {
        auto other = server_name + "_" + std::string(rest.substr(0, at));
        std::error_code error;
        if (std::filesystem::exists(dir / ("jack_" + other + "_" + uid + "_0"), error) ||
            std::filesystem::exists(dir / ("jack_" + other + "_0"), error))
            return true;
    }
    return false;
}

// Whether a server of that name runs: its socket is there.
bool serving(const std::filesystem::path& dir, const std::string& server_name,
             const std::string& uid) {
    std::error_code error;
    return std::filesystem::exists(dir / ("jack_" + server_name + "_" + uid + "_0"), error) ||
           std::filesystem::exists(dir / ("jack_" + server_name + "_0"), error);
}

} // namespace

void remove_semaphore_leftovers(const std::string& server_name,
                                const std::filesystem::path& dir) noexcept {
    try {
        // JACK_PROMISCUOUS_SERVER drops the uid from the names.
        bool promiscuous = std::getenv("JACK_PROMISCUOUS_SERVER") != nullptr;
        auto uid = std::to_string(getuid());
        // An open refused because the name is in use: the files are that server's.
        if (serving(dir, server_name, uid))
            return;
        auto prefix = promiscuous ? "jack_sem." + server_name + "_"
                                  : "jack_sem." + uid + "_" + server_name + "_";
        std::vector<std::filesystem::path> doomed;
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
            auto file = entry.path().filename().string();
            if (!file.starts_with(prefix))
                continue;
            auto rest = std::string_view(file).substr(prefix.size());
            if (!may_belong_to_another_server(dir, server_name, rest, uid))
                doomed.push_back(entry.path());
        }
        for (const auto& path : doomed)
            std::filesystem::remove(path, error);
    } catch (...) {
        // Tidying up is best effort: stop() never throws.
    }
}

} // namespace jack_server::detail
