// SPDX-License-Identifier: GPL-2.0-or-later
#include "state.hpp"

#include <unistd.h>

namespace test_card {

bool State::present(const char* file) const {
    return !folder_.empty() && ::access((folder_ + "/" + file).c_str(), F_OK) == 0;
}

namespace {

snd_config_t* entry(snd_config_t* conf, const char* key) {
    snd_config_t* found = nullptr;
    return snd_config_search(conf, key, &found) == 0 ? found : nullptr;
}

} // namespace

std::string config_string(snd_config_t* conf, const char* key) {
    const char* text = nullptr;
    auto* found = entry(conf, key);
    return found && snd_config_get_string(found, &text) == 0 ? text : "";
}

long config_integer(snd_config_t* conf, const char* key, long otherwise) {
    long value = otherwise;
    auto* found = entry(conf, key);
    if (found)
        snd_config_get_integer(found, &value);
    return value;
}

} // namespace test_card
