// SPDX-License-Identifier: GPL-2.0-or-later
#include "explain/explanations.hpp"

#include <fmt/format.h>

namespace jack_server::detail {

// JACK's alsa driver has no read/write mode; alsa_in and alsa_out (JACK's
// own tools) have, and ALSA's mmap_emul plugin gives a device an mmap access.
std::string explain_no_mmap(const std::string& device) {
    return fmt::format("'{}' offers no mmap access, the only one JACK's alsa driver uses (as the "
                       "Raspberry Pi's onboard audio); bridge it instead: run the server with -d "
                       "dummy and the card with alsa_out -d {} and alsa_in -d {}, which read and "
                       "write, or wrap it in ALSA's mmap_emul plugin",
                       device, device, device);
}

} // namespace jack_server::detail
