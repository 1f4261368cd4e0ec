// SPDX-License-Identifier: GPL-2.0-or-later
#include "config/suggest.hpp"

#include <algorithm>
#include <numeric>

namespace jack_server {

namespace {

// The edit distance of a and b when it is under limit; limit otherwise. A row's
// smallest entry never shrinks in the rows below it, so once it reaches the
// limit nothing closer can follow: a long word (a fuzzer's) stops early.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        std::size_t smallest = row[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min(std::min(row[j], row[j - 1]) + 1, diagonal + (a[i - 1] != b[j - 1]));
            diagonal = above;
            smallest = std::min(smallest, row[j]);
        }
        if (smallest >= limit)
            return limit;
    }
    return std::min(row[b.size()], limit);
}

} // namespace

std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates) {
    // A third of the word may be wrong, but at least one edit is allowed.
    std::size_t best_distance = std::max<std::size_t>(1, word.size() / 3) + 1;
    std::optional<std::string> best;
    for (const auto& candidate : candidates) {
        // The distance is at least the difference in length.
        auto shortest = std::min(word.size(), candidate.size());
        if (std::max(word.size(), candidate.size()) - shortest >= best_distance)
            continue;
        auto distance = edit_distance(word, candidate, best_distance);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

} // namespace jack_server
