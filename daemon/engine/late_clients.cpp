// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/late_clients.hpp"

#include <algorithm>

namespace jack_server::detail {

namespace {

constexpr std::string_view prefix = "JackEngine::XRun: client ";
constexpr std::string_view not_finished_name = "= ";
constexpr std::string_view not_finished_rest = " was not finished, state = ";
constexpr std::string_view finished_late_rest = " finished after current callback";

} // namespace

std::optional<std::string_view> late_client_named(std::string_view jack_error) {
    if (!jack_error.starts_with(prefix))
        return std::nullopt;
    auto rest = jack_error.substr(prefix.size());
    if (rest.starts_with(not_finished_name)) {
        rest.remove_prefix(not_finished_name.size());
        // The state is last and one word: the name ends at the last marker.
        auto end = rest.rfind(not_finished_rest);
        if (end == std::string_view::npos || end == 0)
            return std::nullopt;
        return rest.substr(0, end);
    }
    if (rest.ends_with(finished_late_rest) && rest.size() > finished_late_rest.size())
        return rest.substr(0, rest.size() - finished_late_rest.size());
    return std::nullopt;
}

LateClients& LateClients::of_process() {
    static LateClients counts;
    return counts;
}

void LateClients::note(std::string_view jack_error) {
    auto name = late_client_named(jack_error);
    if (!name)
        return;
    std::lock_guard lock(mutex_);
    auto found = counts_.find(*name);
    if (found == counts_.end())
        counts_.emplace(std::string(*name), 1);
    else
        ++found->second;
}

std::vector<LateClient> LateClients::counts() const {
    std::vector<LateClient> late;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [name, times] : counts_)
            late.push_back({name, times});
    }
    std::stable_sort(late.begin(), late.end(),
                     [](const LateClient& a, const LateClient& b) { return a.times > b.times; });
    return late;
}

std::uint64_t LateClients::total() const {
    std::lock_guard lock(mutex_);
    std::uint64_t sum = 0;
    for (const auto& entry : counts_)
        sum += entry.second;
    return sum;
}

void LateClients::reset() {
    std::lock_guard lock(mutex_);
    counts_.clear();
}

} // namespace jack_server::detail
