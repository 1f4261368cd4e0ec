// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/process_command.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>

namespace jack_server::detail {

std::string command_of_pid(pid_t pid) {
    std::ifstream file(fmt::format("/proc/{}/cmdline", pid));
    std::string text((std::istreambuf_iterator<char>(file)), {});
    while (!text.empty() && text.back() == '\0')
        text.pop_back();
    std::replace(text.begin(), text.end(), '\0', ' ');
    constexpr std::size_t longest = 60;
    if (text.size() > longest)
        text = text.substr(0, longest - 3) + "...";
    return text;
}

} // namespace jack_server::detail
