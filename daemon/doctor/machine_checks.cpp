// SPDX-License-Identifier: GPL-2.0-or-later
#include "doctor/machine_checks.hpp"

#include "cards/bus_names.hpp"
#include "config/catalog.hpp"
#include "engine/server_registry.hpp"
#include "jack_server/version.hpp"
#include "process/private_shm.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dlfcn.h>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <grp.h>
#include <jack/control.h>
#include <pwd.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace jack_server::detail {

namespace {

constexpr const char* limits_file = "/etc/security/limits.d/audio.conf";

std::string limit_text(rlim_t value) {
    return value == RLIM_INFINITY ? "unlimited" : std::to_string(value);
}

rlimit limit_of(int resource) {
    rlimit limit{};
    ::getrlimit(resource, &limit);
    return limit;
}

// Bit `bit` of CapEff in /proc/self/status.
bool has_capability(int bit) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("CapEff:"))
            return (std::stoull(line.substr(7), nullptr, 16) >> bit) & 1;
    return false;
}

constexpr int cap_ipc_lock = 14;

std::string user_name() {
    const passwd* user = ::getpwuid(::geteuid());
    return user ? user->pw_name : std::to_string(::geteuid());
}

std::string mib(std::uint64_t kib) {
    return fmt::format("{:.0f} MiB", static_cast<double>(kib) / 1024);
}

// The file of the libjackserver this process loaded.
std::string library_file() {
    Dl_info info{};
    if (::dladdr(reinterpret_cast<void*>(&jackctl_server_create2), &info) == 0 ||
        info.dli_fname == nullptr)
        return "libjackserver";
    std::error_code error;
    auto real = std::filesystem::canonical(info.dli_fname, error);
    return error ? info.dli_fname : real.string();
}

// Processes by command name (/proc/PID/comm).
std::vector<std::pair<std::string, pid_t>> processes_named(const std::vector<std::string>& names) {
    std::vector<std::pair<std::string, pid_t>> found;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
        auto pid_text = entry.path().filename().string();
        if (pid_text.empty() || !std::all_of(pid_text.begin(), pid_text.end(), ::isdigit))
            continue;
        std::ifstream comm(entry.path() / "comm");
        std::string name;
        std::getline(comm, name);
        if (std::find(names.begin(), names.end(), name) != names.end())
            found.emplace_back(name, std::stoi(pid_text));
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    return found;
}

} // namespace

bool could_start(const Findings& findings) {
    return std::none_of(findings.begin(), findings.end(),
                        [](const Finding& f) { return f.level == Finding::Level::failure; });
}

std::uint64_t engine_memory_kib(std::uint32_t port_max) {
    return 37'236 + 33ULL * port_max;
}

Finding check_library(const Catalog& catalog) {
    auto masters = catalog.driver_names(DriverType::master);
    auto slaves = catalog.driver_names(DriverType::slave);
    auto internals = catalog.internal_client_names();
    return {"libjackserver",
            Finding::Level::ok,
            fmt::format("{} (JACK {}): master drivers {}; slave drivers {}; internal clients {}",
                        library_file(), jack_version(), fmt::join(masters, ", "),
                        slaves.empty() ? "none" : fmt::format("{}", fmt::join(slaves, ", ")),
                        internals.empty() ? "none" : fmt::format("{}", fmt::join(internals, ", "))),
            {}};
}

Finding check_realtime(bool realtime, int priority) {
    if (!realtime)
        return {"realtime", Finding::Level::ok, "not asked for (-r)", {}};
    auto limit = limit_of(RLIMIT_RTPRIO);
    if (realtime_allowed(priority))
        return {"realtime",
                Finding::Level::ok,
                fmt::format("priority {} (-P) allowed (RLIMIT_RTPRIO {}{})", priority,
                            limit_text(limit.rlim_cur), ::geteuid() == 0 ? ", root" : ""),
                {}};
    return {"realtime", Finding::Level::warning,
            fmt::format("priority {} (-P) refused: RLIMIT_RTPRIO is {} (hard {}) and no "
                        "CAP_SYS_NICE; JACK would run without realtime and xrun under load",
                        priority, limit_text(limit.rlim_cur), limit_text(limit.rlim_max)),
            fmt::format("add '@audio - rtprio 95' to {} and log in again as a member of audio; "
                        "in a systemd unit LimitRTPRIO=95; or give -r to run without realtime",
                        limits_file)};
}

Finding check_memory_lock(bool realtime, std::uint32_t port_max) {
    auto needed = engine_memory_kib(port_max);
    if (!realtime)
        return {"memory lock", Finding::Level::ok, "nothing is locked without realtime (-r)", {}};
    auto limit = limit_of(RLIMIT_MEMLOCK);
    auto said = fmt::format("JACK locks about {} at --port-max {}", mib(needed), port_max);
    if (limit.rlim_cur == RLIM_INFINITY || has_capability(cap_ipc_lock) ||
        limit.rlim_cur / 1024 >= needed)
        return {
            "memory lock",
            Finding::Level::ok,
            fmt::format("{}; RLIMIT_MEMLOCK is {}{}", said,
                        limit.rlim_cur == RLIM_INFINITY ? "unlimited" : mib(limit.rlim_cur / 1024),
                        has_capability(cap_ipc_lock) ? " (CAP_IPC_LOCK)" : ""),
            {}};
    auto have = limit.rlim_cur / 1024;
    std::string lower;
    if (have > engine_memory_kib(0) + 33 * 64)
        lower = fmt::format(", or lower -p/--port-max to {}", (have - engine_memory_kib(0)) / 33);
    return {"memory lock", Finding::Level::warning,
            fmt::format("{}; RLIMIT_MEMLOCK is {}: JACK would say \"Cannot lock down memory "
                        "area\" and run unlocked, paging under load",
                        said, mib(have)),
            fmt::format("add '@audio - memlock unlimited' to {} and log in again; in a systemd "
                        "unit LimitMEMLOCK=infinity{}",
                        limits_file, lower)};
}

Finding check_groups(bool realtime_refused) {
    const group* audio = ::getgrnam("audio");
    if (audio == nullptr)
        return {"groups", Finding::Level::ok, "this system has no audio group", {}};
    if (::geteuid() == 0)
        return {"groups", Finding::Level::ok, "root needs no audio group", {}};
    auto user = user_name();
    bool in_file = false;
    for (char** member = audio->gr_mem; member && *member; ++member)
        in_file = in_file || user == *member;
    const passwd* entry = ::getpwuid(::geteuid());
    in_file = in_file || (entry && entry->pw_gid == audio->gr_gid);
    std::vector<gid_t> groups(::getgroups(0, nullptr));
    groups.resize(std::max(0, ::getgroups(static_cast<int>(groups.size()), groups.data())));
    bool in_session = std::find(groups.begin(), groups.end(), audio->gr_gid) != groups.end() ||
                      ::getegid() == audio->gr_gid;
    if (in_session)
        return {"groups",
                Finding::Level::ok,
                fmt::format("{} is in group audio{}", user, in_file ? "" : " (this session's)"),
                {}};
    if (in_file)
        return {"groups", Finding::Level::warning,
                fmt::format("{} is in group audio in /etc/group, but this session is not: it "
                            "began before the user was added",
                            user),
                "log out and in again (or run 'newgrp audio' in this shell)"};
    if (!realtime_refused)
        return {"groups",
                Finding::Level::ok,
                fmt::format("{} is not in group audio; not needed: realtime is allowed", user),
                {}};
    return {"groups", Finding::Level::warning,
            fmt::format("{} is not in group audio, which the limits of {} name", user, limits_file),
            fmt::format("sudo usermod -aG audio {}, then log out and in again", user)};
}

Finding check_shm(std::uint32_t port_max) {
    auto needed = engine_memory_kib(port_max);
    struct statvfs space {};
    if (::statvfs("/dev/shm", &space) != 0)
        return {"/dev/shm", Finding::Level::failure,
                fmt::format("cannot be read: {}", std::strerror(errno)),
                "mount a tmpfs there: mount -t tmpfs tmpfs /dev/shm"};
    if (::access("/dev/shm", W_OK | X_OK) != 0)
        return {"/dev/shm", Finding::Level::failure,
                fmt::format("not writable by {}: {}", user_name(), std::strerror(errno)),
                "chmod 1777 /dev/shm (as root)"};
    std::uint64_t free_kib = static_cast<std::uint64_t>(space.f_bavail) * space.f_frsize / 1024;
    if (free_kib < needed)
        return {"/dev/shm", Finding::Level::failure,
                fmt::format("{} free; JACK needs about {} at --port-max {}", mib(free_kib),
                            mib(needed), port_max),
                "remove what is left there (stale jack-* files of servers killed outright), "
                "enlarge it (mount -o remount,size=256M /dev/shm), or lower -p/--port-max"};
    return {"/dev/shm",
            Finding::Level::ok,
            fmt::format("{} free; JACK needs about {} at --port-max {}", mib(free_kib), mib(needed),
                        port_max),
            {}};
}

Findings check_registry(const std::string& server_name) {
    auto slots = read_server_registry();
    auto uid = ::geteuid();
    auto ours = fmt::format("jack-{}:{}:", uid, server_name);
    Findings findings;
    std::size_t used = 0, alive = 0;
    std::vector<std::string> stale, running;
    bool name_reclaimable = false;
    for (const auto& slot : slots) {
        if (slot.pid == 0)
            continue;
        ++used;
        if (slot.alive) {
            ++alive;
            running.push_back(fmt::format("{} (pid {})", slot.prefix, slot.pid));
            if (slot.prefix == ours)
                findings.push_back(
                    {"server name", Finding::Level::failure,
                     fmt::format("a server named '{}' runs already (pid {})", server_name,
                                 slot.pid),
                     fmt::format("give another name (-n NAME), or --unique-name, or stop pid {}",
                                 slot.pid)});
        } else {
            stale.push_back(fmt::format("{} (pid {}, gone)", slot.prefix, slot.pid));
            name_reclaimable = name_reclaimable || slot.prefix == ours;
        }
    }
    if (used == registry_slots && !name_reclaimable && alive == used)
        findings.push_back({"registry", Finding::Level::failure,
                            fmt::format("all {} slots are held by running servers: {}",
                                        registry_slots, fmt::join(running, ", ")),
                            "stop one of them"});
    else if (used == registry_slots && !name_reclaimable)
        findings.push_back({"registry", Finding::Level::failure,
                            fmt::format("all {} slots are taken, {} by servers that are gone: {}",
                                        registry_slots, stale.size(), fmt::join(stale, ", ")),
                            "start with --replace-registry once no server runs, or start a "
                            "server of a gone one's name"});
    else if (!stale.empty())
        findings.push_back({"registry", Finding::Level::warning,
                            fmt::format("{} of {} slots used; stale: {}", used, registry_slots,
                                        fmt::join(stale, ", ")),
                            "--replace-registry clears them (once no server runs); a server of "
                            "the same name reclaims its own"});
    else
        findings.push_back({"registry",
                            Finding::Level::ok,
                            running.empty() ? std::string("no JACK server runs")
                                            : fmt::format("{} of {} slots used: {}", used,
                                                          registry_slots, fmt::join(running, ", ")),
                            {}});
    return findings;
}

Finding check_desktop(bool opens_cards) {
    auto found = processes_named({"pulseaudio", "pipewire", "pipewire-pulse", "wireplumber"});
    std::vector<std::string> named;
    for (const auto& [name, pid] : found)
        named.push_back(fmt::format("{} (pid {})", name, pid));
    BusNames bus;
    if (auto owner = bus.owner("org.pulseaudio.Server"))
        named.push_back(fmt::format("org.pulseaudio.Server on the session bus ({}{})",
                                    owner->application,
                                    owner->pid ? fmt::format(", pid {}", *owner->pid) : ""));
    if (named.empty())
        return {"desktop sound server", Finding::Level::ok, "none runs", {}};
    auto said = fmt::format("{} runs", fmt::join(named, ", "));
    if (!opens_cards)
        return {"desktop sound server",
                Finding::Level::ok,
                said + "; this driver opens no sound card",
                {}};
    return {"desktop sound server", Finding::Level::warning,
            said + ": it may hold the card; jack-server asks it to release the card "
                   "(ReserveDevice1) unless --no-audio-reservation",
            "if it keeps the card: pasuspender -- jack-server ..., or stop it "
            "(systemctl --user stop pipewire.socket pipewire.service pulseaudio.socket "
            "pulseaudio.service), or route it into JACK (pipewire-jack, pulseaudio-module-jack)"};
}

} // namespace jack_server::detail
