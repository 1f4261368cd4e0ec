// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>

namespace jack_server::detail {

// "SIGTERM" for SIGTERM: the daemon's signals by name, "signal N" for any
// other. (glibc's sigabbrev_np is not on macOS or the BSDs.)
std::string signal_name(int number);

} // namespace jack_server::detail
