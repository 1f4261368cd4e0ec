// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <alsa/asoundlib.h>
#include <string>

namespace test_card {

// What a test has done to the card, read from files in a folder of the test's
// own (TestCard in tests/support writes them): "unplugged" makes every call
// fail with -ENODEV, as a USB card's do once it is pulled; "stalled" stops the
// clock, as a wedged device does. Read on every call, so a change takes effect
// within a period.
class State {
public:
    explicit State(std::string folder) : folder_(std::move(folder)) {}
    bool unplugged() const { return present("unplugged"); }
    bool stalled() const { return present("stalled"); }

private:
    bool present(const char* file) const;
    std::string folder_;
};

// The string `key` of a plugin's configuration block (pcm.NAME { ... }), or ""
// when absent.
std::string config_string(snd_config_t* conf, const char* key);
// The integer `key`, or `otherwise` when absent.
long config_integer(snd_config_t* conf, const char* key, long otherwise);

} // namespace test_card
