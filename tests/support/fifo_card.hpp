// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <string>

namespace test {

// A sound card whose samples go into a FIFO: ALSA's file plugin, defined as
// pcm.<name> in the .asoundrc of a HOME of its own (pass home() to the daemon
// as HOME). While nobody has the FIFO open, opening the card blocks; while a
// reader drains it the card plays; once the reader stops, the driver's writes
// block as with a device that stopped. The destructor removes it all.
class FifoCard {
public:
    explicit FifoCard(const std::string& name); // throws std::runtime_error
    ~FifoCard();
    FifoCard(const FifoCard&) = delete;
    FifoCard& operator=(const FifoCard&) = delete;

    const std::string& home() const { return home_; }
    const std::string& fifo() const { return fifo_; }

private:
    std::string home_, fifo_;
};

} // namespace test
