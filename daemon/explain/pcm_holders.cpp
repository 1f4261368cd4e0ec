// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/pcm_holders.hpp"

#include "explain/process_command.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <unistd.h>

namespace jack_server::detail {

namespace {

namespace fs = std::filesystem;

bool holds(const fs::path& process, const std::string& prefix) {
    std::error_code error;
    for (const auto& fd : fs::directory_iterator(process / "fd", error)) {
        auto target = fs::read_symlink(fd.path(), error);
        if (!error && target.string().starts_with(prefix))
            return true;
    }
    return false;
}

} // namespace

std::vector<PcmHolder> pcm_holders(int card, const std::string& proc) {
    auto prefix = fmt::format("/dev/snd/pcmC{}D", card);
    std::vector<PcmHolder> holders;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(proc, error)) {
        auto name = entry.path().filename().string();
        if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit))
            continue;
        pid_t pid = std::stoi(name);
        if (pid != ::getpid() && holds(entry.path(), prefix))
            holders.push_back({pid, command_of_pid(pid)});
    }
    std::sort(holders.begin(), holders.end(),
              [](const PcmHolder& a, const PcmHolder& b) { return a.pid < b.pid; });
    return holders;
}

std::string describe_holders(const std::vector<PcmHolder>& holders) {
    std::string text;
    for (const auto& holder : holders)
        text += fmt::format("{}pid {} ({})", text.empty() ? "" : ", ", holder.pid, holder.command);
    return text;
}

} // namespace jack_server::detail
