// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/explanations.hpp"

#include <fmt/format.h>

namespace jack_server::detail {

// ALSA's mmap_emul plugin gives any device an mmap access over its
// read/write one, which is what JACK's driver needs.
std::string explain_no_mmap(const std::string& device) {
    return fmt::format("'{}' offers no mmap access, the only one JACK's alsa driver uses (the "
                       "Raspberry Pi's onboard audio is such a card); put ALSA's mmap emulation "
                       "in front of it: a line 'pcm.jack_mmap {{ type mmap_emul slave.pcm \"{}\" "
                       "}}' in ~/.asoundrc, then -d jack_mmap",
                       device, device);
}

} // namespace jack_server::detail
