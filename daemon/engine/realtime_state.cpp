// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/realtime_state.hpp"

#include "explain/realtime_refused.hpp"
#include "jack_server/server.hpp"

#include <cstdint>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sched.h>
#include <sstream>
#include <sys/resource.h>
#include <vector>

namespace jack_server::detail {

namespace {

// Whether a thread of this process runs under a realtime policy: field 41 of
// /proc/self/task/TID/stat (after the command's closing parenthesis).
bool a_thread_runs_realtime() {
    std::error_code error;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", error)) {
        std::ifstream file(task.path() / "stat");
        std::string stat((std::istreambuf_iterator<char>(file)), {});
        auto after_name = stat.rfind(')');
        if (after_name == std::string::npos)
            continue;
        std::istringstream fields(stat.substr(after_name + 2));
        std::string field;
        // Fields from the third (state) on: policy is the 41st, so the 39th here.
        for (int index = 3; index <= 41 && fields >> field; ++index)
            if (index == 41) {
                int policy = std::stoi(field);
                if (policy == SCHED_FIFO || policy == SCHED_RR)
                    return true;
            }
    }
    return false;
}

// A line of /proc/self/status, as a number in base.
std::uint64_t status_field(const std::string& name, int base) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with(name + ":"))
            return std::stoull(line.substr(name.size() + 1), nullptr, base);
    return 0;
}

bool has_capability(int bit) {
    return (status_field("CapEff", 16) >> bit) & 1;
}

std::string limit_text(int resource) {
    rlimit limit{};
    if (::getrlimit(resource, &limit) != 0)
        return "unknown";
    if (limit.rlim_cur == RLIM_INFINITY)
        return "unlimited";
    return std::to_string(limit.rlim_cur);
}

constexpr int cap_ipc_lock = 14;
constexpr int cap_sys_nice = 23;

} // namespace

std::optional<std::string> realtime_shortfall(const Server& server) {
    if (!server.realtime() || !std::filesystem::exists("/proc/self/task"))
        return std::nullopt;
    std::vector<std::string> lacking;
    if (!a_thread_runs_realtime())
        lacking.push_back(fmt::format("not realtime (refused: RLIMIT_RTPRIO is {}{})",
                                      limit_text(RLIMIT_RTPRIO),
                                      has_capability(cap_sys_nice) ? "" : " and no CAP_SYS_NICE"));
    // JACK locks its engine's shared memory (tens of megabytes) when asked
    // for realtime; what else a process locks is a few kilobytes.
    constexpr std::uint64_t engine_lock_kb = 1024;
    if (status_field("VmLck", 10) < engine_lock_kb)
        lacking.push_back(fmt::format("memory not locked (RLIMIT_MEMLOCK is {} bytes{})",
                                      limit_text(RLIMIT_MEMLOCK),
                                      has_capability(cap_ipc_lock) ? "" : " and no CAP_IPC_LOCK"));
    if (lacking.empty())
        return std::nullopt;
    return fmt::format("{}; to fix: {}", fmt::join(lacking, ", "),
                       explain_realtime_fix(session_setting()));
}

} // namespace jack_server::detail
