// SPDX-License-Identifier: GPL-2.0-or-later
#include "fifo_card.hpp"

#include "files.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/stat.h>

namespace test {

FifoCard::FifoCard(const std::string& name)
    : home_(temporary_path(name + "-home")), fifo_(home_ + "/fifo") {
    if (::mkdir(home_.c_str(), 0700) != 0 || ::mkfifo(fifo_.c_str(), 0600) != 0)
        throw std::runtime_error("cannot make " + fifo_ + ": " + std::strerror(errno));
    std::ofstream(home_ + "/.asoundrc")
        << "pcm." << name << " { type file slave.pcm \"null\" file \"" << fifo_
        << "\" format \"raw\" }\n";
}

FifoCard::~FifoCard() {
    std::error_code ignored;
    std::filesystem::remove_all(home_, ignored);
}

} // namespace test
