// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/suggest.hpp"

#include <algorithm>
#include <numeric>

namespace jack_server {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates) {
    // A third of the word may be wrong, but at least one edit is allowed.
    std::size_t best_distance = std::max<std::size_t>(1, word.size() / 3) + 1;
    std::optional<std::string> best;
    for (const auto& candidate : candidates) {
        auto distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

} // namespace jack_server
