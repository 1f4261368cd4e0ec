// SPDX-License-Identifier: GPL-2.0-or-later
#include "test_card.hpp"

#include "files.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string_view>

namespace test {

std::optional<std::string> TestCard::unavailable() {
    if (std::string_view(JACK_TEST_CARD_PLUGIN).empty())
        return "no test card: built without ALSA (JACK_SERVER_ALSA=OFF), and the test card is "
               "an ALSA plugin";
    return std::nullopt;
}

namespace {

// Declares the test card's plugin to ALSA.
const std::string plugin_declaration =
    "pcm_type.jstest_card { lib \"" JACK_TEST_CARD_PLUGIN "\" }\n"
    "ctl_type.jstest_card { lib \"" JACK_TEST_CARD_PLUGIN "\" }\n";

// The pcm block's settings for what the card offers.
std::string offer_settings(const TestCard::Offer& offer) {
    std::string text;
    if (!offer.mmap)
        text += " mmap 0";
    if (offer.rate_min)
        text += " rate_min " + std::to_string(*offer.rate_min);
    if (offer.rate_max)
        text += " rate_max " + std::to_string(*offer.rate_max);
    if (offer.period_max)
        text += " period_max " + std::to_string(*offer.period_max);
    if (!offer.node.empty())
        text += " node \"" + offer.node + "\"";
    if (offer.ppm != 0)
        text += " ppm " + std::to_string(offer.ppm);
    return text;
}

// The folder of a card's state files (unplugged, stalled).
void make_state_directory(const std::string& path) {
    std::error_code failed;
    std::filesystem::create_directories(path, failed);
    if (failed)
        throw std::runtime_error("cannot make " + path + ": " + failed.message());
}

// The card's pcm and ctl blocks.
std::string card_lines(const std::string& name, int index, const std::string& state,
                       const TestCard::Offer& offer) {
    return "pcm." + name + " { type jstest_card state \"" + state + "\"" + offer_settings(offer) +
           " }\nctl." + name + " { type jstest_card card " + std::to_string(index) + " state \"" +
           state + "\" }\n";
}

} // namespace

std::string TestCard::paced_pcm(const std::string& name, const std::string& state_directory) {
    if (unavailable())
        return "pcm." + name + " { type null }\n";
    make_state_directory(state_directory);
    return plugin_declaration + "pcm." + name + " { type jstest_card state \"" + state_directory +
           "\" }\n";
}

TestCard::TestCard(const std::string& name, int index, const Offer& offer)
    : name_(name), home_(temporary_path(name + "-home")), state_(home_ + "/card-state") {
    if (auto why_not = unavailable())
        throw std::runtime_error(*why_not);
    make_state_directory(state_);
    std::ofstream(home_ + "/.asoundrc")
        << plugin_declaration << card_lines(name, index, state_, offer);
}

TestCard::TestCard(const std::string& name, int index, const TestCard& beside, const Offer& offer)
    : name_(name), home_(beside.home_), state_(home_ + "/" + name + "-state"), owns_home_(false) {
    make_state_directory(state_);
    std::ofstream(home_ + "/.asoundrc", std::ios::app) << card_lines(name, index, state_, offer);
}

TestCard::~TestCard() {
    std::error_code ignored;
    std::filesystem::remove_all(owns_home_ ? home_ : state_, ignored);
}

void TestCard::touch(const char* file) const {
    if (!std::ofstream(state_ + "/" + file))
        throw std::runtime_error("cannot write " + state_ + "/" + file);
}

void TestCard::unplug() const {
    touch("unplugged");
}
void TestCard::stall() const {
    touch("stalled");
}

void TestCard::plug() const {
    std::filesystem::remove(state_ + "/unplugged");
    std::filesystem::remove(state_ + "/stalled");
}

} // namespace test
