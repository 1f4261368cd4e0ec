// SPDX-License-Identifier: GPL-2.0-or-later
#include "fifo_card.hpp"

#include "files.hpp"
#include "test_card.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace test {

FifoCard::FifoCard(const std::string& name)
    : home_(temporary_path(name + "-home")), fifo_(home_ + "/fifo") {
    if (::mkdir(home_.c_str(), 0700) != 0 || ::mkfifo(fifo_.c_str(), 0600) != 0)
        throw std::runtime_error("cannot make " + fifo_ + ": " + std::strerror(errno));
    std::ofstream(home_ + "/.asoundrc")
        << TestCard::paced_pcm("fifo_card_clock", home_ + "/clock-state") << "pcm." << name
        << " { type file slave.pcm fifo_card_clock file \"" << fifo_ << "\" format \"raw\" }\n";
}

FifoCard::~FifoCard() {
    std::error_code ignored;
    std::filesystem::remove_all(home_, ignored);
}

FifoReader::FifoReader(const FifoCard& card)
    : fd_(::open(card.fifo().c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)) {
    if (fd_ < 0)
        throw std::runtime_error("cannot read " + card.fifo() + ": " + std::strerror(errno));
    thread_ = std::thread([this] {
        char buffer[65536];
        while (!stop_.load()) {
            pollfd readable{fd_, POLLIN, 0};
            ::poll(&readable, 1, 10);
            ssize_t got;
            while ((got = ::read(fd_, buffer, sizeof buffer)) > 0)
                read_ += static_cast<std::size_t>(got);
            // 0: no writer now, and poll says so at once until one comes.
            if (got == 0)
                ::usleep(10'000);
        }
    });
}

FifoReader::~FifoReader() {
    stop_.store(true);
    thread_.join();
    ::close(fd_);
}

} // namespace test
