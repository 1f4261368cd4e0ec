// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "doctor/finding.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace jack_server::cli {

// --doctor's report. Text: one line a finding, "✓ TOPIC: WHAT" or
// "✗ TOPIC: WHAT", a failure's or warning's fix on the next line after
// "  fix: ", and a last line saying whether a server could start. JSON:
// {"could_start": bool, "findings": [{"topic", "ok", "level", "said", "fix"}]}.
// Returns the exit status: 0 when a server could start, 1 otherwise.
int print_doctor(std::ostream& out, const detail::Findings& findings, bool json);

// Whether words (the command line) ask for --doctor / --json: read before
// the libjackserver is loaded, which --doctor examines even when it refuses.
bool asks_for(const std::vector<std::string>& words, const std::string& option);

} // namespace jack_server::cli
