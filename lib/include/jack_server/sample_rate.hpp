// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <cstdint>

namespace jack_server {

// A sample rate in Hz. The two common rates are named, as in the Python package;
// any other positive rate is SampleRate{96000}, accepted where the driver accepts it.
enum class SampleRate : std::uint32_t {
    rate_44100 = 44100,
    rate_48000 = 48000,
};

constexpr std::uint32_t hz(SampleRate rate) {
    return static_cast<std::uint32_t>(rate);
}

} // namespace jack_server
