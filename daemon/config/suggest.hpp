// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jack_server {

// The candidate closest to a mistyped word, when one is close enough to be a
// likely typo ("--rat" -> "--rate"); std::nullopt otherwise.
std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates);

} // namespace jack_server
