// SPDX-License-Identifier: GPL-2.0-or-later
#include "jack_server/version.hpp"

#include <jack/jack.h>

namespace jack_server {

std::string jack_version() {
    return jack_get_version_string();
}

} // namespace jack_server
