// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <thread>

namespace test {

// A sound card whose samples go into a FIFO: ALSA's file plugin, defined as
// pcm.<name> in the .asoundrc of a HOME of its own (pass home() to the daemon
// as HOME). While nobody has the FIFO open, opening the card blocks; while a
// reader drains it the card plays, paced by the test card's clock where the
// build has one; once the reader stops, the driver's writes block as with a
// device that stopped. The destructor removes it all.
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

// A reader of a FifoCard's FIFO, as a snapcast-style server reads its pipe:
// opened non-blocking (so it waits for no writer), drained by a thread of its
// own, and kept open across writers that come and go. The card plays while
// one exists; destroying it is the reader dying.
class FifoReader {
public:
    explicit FifoReader(const FifoCard& card); // throws std::runtime_error
    ~FifoReader();
    FifoReader(const FifoReader&) = delete;
    FifoReader& operator=(const FifoReader&) = delete;

    // Bytes read so far.
    std::size_t read() const { return read_.load(); }

private:
    int fd_ = -1;
    std::atomic<bool> stop_{false};
    std::atomic<std::size_t> read_{0};
    std::thread thread_;
};

} // namespace test
