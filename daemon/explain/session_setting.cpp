// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/session_setting.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <grp.h>
#include <pwd.h>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace jack_server::detail {

namespace {

// "0::/system.slice/jack-server.service" -> "jack-server.service": the last
// component of the cgroup path that names a service (a user's manager,
// user@1000.service, is not the server's unit). Only under systemd, which
// sets INVOCATION_ID for a unit's processes.
std::optional<std::string> systemd_unit() {
    if (::getenv("INVOCATION_ID") == nullptr)
        return std::nullopt;
    std::ifstream cgroup("/proc/self/cgroup");
    std::string line, part;
    std::optional<std::string> unit;
    while (std::getline(cgroup, line)) {
        std::istringstream path(line.substr(line.rfind(':') + 1));
        while (std::getline(path, part, '/'))
            if (part.ends_with(".service") && !part.starts_with("user@"))
                unit = part;
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

SessionSetting session_setting() {
    SessionSetting setting;
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

} // namespace jack_server::detail
