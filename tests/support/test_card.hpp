// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <optional>
#include <string>

namespace test {

// What the card offers where a test makes JACK's settings fail for real;
// by default a plain USB card's (tests/card/pcm.cpp).
struct TestCardOffer {
    bool mmap = true; // false: read/write access only
    std::optional<unsigned> rate_min, rate_max;
    std::optional<unsigned> period_max; // frames of 32-bit samples
    // A device node the card holds exclusively while open, as NODEp or
    // NODEc ("/dev/snd/pcmC0D0"): a second open is refused with EBUSY.
    std::string node;
    // Its clock this many parts per million fast (negative: slow).
    long ppm = 0;
};

// A sound card with no hardware (tests/card): ALSA's external plugin API gives
// it a PCM, paced by a timer as a card's clock paces it, and a control device
// that says it is card `index`. Declared as pcm.<name> and ctl.<name> in the
// .asoundrc of a HOME of its own: pass home() to the server as HOME, then
// `-d alsa -d <name>` opens it as JACK opens hw:<index>, reservation included.
// A test can pull it out (every call fails with ENODEV), stall its clock, and
// plug it back. The destructor removes it all.
class TestCard {
public:
    using Offer = TestCardOffer;

    // Why no test card can be made here (a build without ALSA), if so.
    static std::optional<std::string> unavailable();
    // The .asoundrc lines that define pcm.<name> as a PCM paced by a clock:
    // the test card, its state in state_directory (made here), or ALSA's
    // null PCM, which never waits, in a build without one. For a device
    // built on it (FifoCard) or one that appears while a server waits.
    static std::string paced_pcm(const std::string& name, const std::string& state_directory);

    // Throws std::runtime_error.
    explicit TestCard(const std::string& name, int index = 0, const Offer& offer = {});
    // Another card in the HOME of beside, which must outlive it: several
    // cards on one machine (each its own index, unplugged on its own).
    TestCard(const std::string& name, int index, const TestCard& beside, const Offer& offer = {});
    ~TestCard();
    TestCard(const TestCard&) = delete;
    TestCard& operator=(const TestCard&) = delete;

    const std::string& name() const { return name_; }
    const std::string& home() const { return home_; }

    void unplug() const;
    void stall() const;
    void plug() const; // undoes both

private:
    void touch(const char* file) const;
    std::string name_, home_, state_;
    bool owns_home_ = true;
};

} // namespace test

// In a test body that needs a TestCard: skips it, with the reason, where none
// can be made.
#define SKIP_WITHOUT_TEST_CARD()                                                                   \
    if (auto why_not = test::TestCard::unavailable())                                              \
    GTEST_SKIP() << *why_not
