// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace jack_server::detail {

// A process that has a PCM device of a card open.
struct PcmHolder {
    pid_t pid = 0;
    std::string command; // its command line, shortened
};

// The processes with a descriptor on /dev/snd/pcmC<card>D*, read from
// /proc/*/fd (another user's processes are seen only by root). Throws nothing.
std::vector<PcmHolder> pcm_holders(int card, const std::string& proc = "/proc");

// "pid 4242 (pulseaudio --daemonize=no), pid 4300 (aplay x.wav)".
std::string describe_holders(const std::vector<PcmHolder>& holders);

} // namespace jack_server::detail
