// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/realtime_refused.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>
#include <vector>

namespace jack_server::detail {

namespace {

// "0::/system.slice/jack-server.service" -> "jack-server.service": the last
// component of the cgroup path that names a service.
std::optional<std::string> systemd_unit() {
    if (::getenv("INVOCATION_ID") == nullptr)
        return std::nullopt;
    std::ifstream cgroup("/proc/self/cgroup");
    std::string line;
    std::optional<std::string> unit;
    while (std::getline(cgroup, line)) {
        auto path = line.substr(line.rfind(':') + 1);
        std::size_t start = 0;
        for (auto end = path.find('/', start); start < path.size();
             start = end + 1, end = path.find('/', start)) {
            auto part = path.substr(start, end == std::string::npos ? end : end - start);
            if (part.ends_with(".service") && !part.starts_with("user@"))
                unit = part;
            if (end == std::string::npos)
                break;
        }
    }
    return unit ? unit : std::optional<std::string>("its unit");
}

bool limits_line_for_audio(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        auto words = line.substr(0, line.find('#'));
        if (words.find("@audio") != std::string::npos && words.find("rtprio") != std::string::npos)
            return true;
    }
    return false;
}

bool limits_for_audio() {
    if (limits_line_for_audio("/etc/security/limits.conf"))
        return true;
    std::error_code error;
    // pam_limits reads only *.conf there (Debian's jackd2 leaves an
    // audio.conf.disabled when realtime was declined at install).
    for (const auto& entry : std::filesystem::directory_iterator("/etc/security/limits.d", error))
        if (entry.path().extension() == ".conf" && limits_line_for_audio(entry.path()))
            return true;
    return false;
}

bool session_has(gid_t gid) {
    if (::getegid() == gid)
        return true;
    std::vector<gid_t> groups(std::max(::getgroups(0, nullptr), 0));
    groups.resize(std::max(::getgroups(int(groups.size()), groups.data()), 0));
    return std::find(groups.begin(), groups.end(), gid) != groups.end();
}

} // namespace

RealtimeSetting realtime_setting() {
    RealtimeSetting setting;
    const passwd* user = ::getpwuid(::geteuid());
    setting.user = user ? user->pw_name : std::to_string(::geteuid());
    setting.unit = systemd_unit();
    if (const group* audio = ::getgrnam("audio")) {
        setting.audio_group = true;
        for (char** member = audio->gr_mem; member && *member; ++member)
            setting.listed_in_audio = setting.listed_in_audio || setting.user == *member;
        setting.listed_in_audio =
            setting.listed_in_audio || (user && user->pw_gid == audio->gr_gid);
        setting.session_in_audio = session_has(audio->gr_gid);
    }
    setting.limits_for_audio = limits_for_audio();
    return setting;
}

std::string explain_realtime_fix(const RealtimeSetting& setting) {
    constexpr const char* without = "or -r to run without realtime";
    if (setting.unit)
        return fmt::format("add LimitRTPRIO=95 and LimitMEMLOCK=infinity under [Service] in {} "
                           "(systemctl edit), {}",
                           *setting.unit, without);
    std::string limits = setting.limits_for_audio
                             ? ""
                             : "add '@audio - rtprio 95' and '@audio - memlock unlimited' to a "
                               "file in /etc/security/limits.d/, ";
    if (setting.listed_in_audio && !setting.session_in_audio)
        return fmt::format("{} is in group audio in /etc/group but this session is not: {}log "
                           "out and in again (or run newgrp audio), {}",
                           setting.user, limits, without);
    if (!setting.listed_in_audio)
        return fmt::format("{}add {} to group audio ({}usermod -aG audio {}), then log out and "
                           "in again, {}",
                           limits, setting.user, setting.audio_group ? "" : "groupadd audio; ",
                           setting.user, without);
    return fmt::format("{}then log out and in again (the limits apply at login), {}",
                       limits.empty() ? "group audio has a realtime limit in limits.d but this "
                                        "session has not; "
                                      : limits,
                       without);
}

} // namespace jack_server::detail
