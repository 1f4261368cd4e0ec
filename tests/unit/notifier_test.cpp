// SPDX-License-Identifier: GPL-2.0-or-later
// What the daemon tells its supervisor, received on a real Unix datagram
// socket where NOTIFY_SOCKET points (as systemd's), and on real pipes.

#include "notify_socket.hpp"
#include "process/notifier.hpp"

#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>

using jack_server::detail::Notifier;
using jack_server::detail::notify;
using test::NotifySocket;
using namespace std::chrono_literals;

namespace {

// The whole of what a pipe's writer wrote until it closed its end.
std::string read_until_closed(int fd) {
    std::string text;
    char buffer[256];
    for (ssize_t got; (got = ::read(fd, buffer, sizeof buffer)) > 0;)
        text.append(buffer, static_cast<std::size_t>(got));
    return text;
}

struct Pipe {
    Pipe() {
        if (::pipe2(fds, O_CLOEXEC) != 0)
            throw std::runtime_error("pipe");
    }
    ~Pipe() {
        ::close(fds[0]);
        if (fds[1] >= 0)
            ::close(fds[1]);
    }
    // The write end, handed to a Notifier, which closes it.
    int give_write_end() { return std::exchange(fds[1], -1); }
    int read_end() const { return fds[0]; }
    int fds[2] = {-1, -1};
};

class NotifierTest : public testing::Test {
protected:
    void SetUp() override {
#if !JACK_SERVER_HAVE_SYSTEMD
        GTEST_SKIP() << "built without libsystemd (-DJACK_SERVER_WITH_SYSTEMD=OFF): no sd_notify";
#endif
        ::unsetenv("WATCHDOG_USEC");
        ::unsetenv("WATCHDOG_PID");
        ::setenv("NOTIFY_SOCKET", socket.path().c_str(), 1);
    }
    void TearDown() override {
        ::unsetenv("NOTIFY_SOCKET");
        ::unsetenv("WATCHDOG_USEC");
        ::unsetenv("WATCHDOG_PID");
    }
    NotifySocket socket;
};

TEST_F(NotifierTest, SendsReadyStatusThenStoppingInOrder) {
    Notifier notifier(std::nullopt, std::nullopt);
    notifier.ready();
    notifier.status("driver dummy, rate 48000 Hz");
    notifier.stopping();
    EXPECT_EQ(socket.next(), "READY=1");
    EXPECT_EQ(socket.next(), "STATUS=driver dummy, rate 48000 Hz");
    EXPECT_EQ(socket.next(), "STOPPING=1");
    EXPECT_EQ(socket.next(100ms), "");
}

TEST_F(NotifierTest, SendsStatusOnlyWhenItChanged) {
    Notifier notifier(std::nullopt, std::nullopt);
    notifier.status("xruns 0");
    notifier.status("xruns 0");
    notifier.status("xruns 1");
    notifier.status("xruns 0");
    EXPECT_EQ(socket.next(), "STATUS=xruns 0");
    EXPECT_EQ(socket.next(), "STATUS=xruns 1");
    EXPECT_EQ(socket.next(), "STATUS=xruns 0");
    EXPECT_EQ(socket.next(100ms), "");
}

TEST_F(NotifierTest, SendsReloadingWatchdogAndMoreTime) {
    Notifier notifier(std::nullopt, std::nullopt);
    notifier.reloading();
    notifier.ready();
    notifier.watchdog();
    notifier.extend_timeout(1500ms);
    EXPECT_EQ(socket.next(), "RELOADING=1");
    EXPECT_EQ(socket.next(), "READY=1");
    EXPECT_EQ(socket.next(), "WATCHDOG=1");
    EXPECT_EQ(socket.next(), "EXTEND_TIMEOUT_USEC=1500000");
}

TEST_F(NotifierTest, ReadyWritesOneLineOnEachDescriptorThenClosesThem) {
    Pipe ready_fd, background_fd;
    Notifier notifier(ready_fd.give_write_end(), background_fd.give_write_end());
    notifier.ready();
    // Closed: the reads end instead of waiting for more.
    EXPECT_EQ(read_until_closed(ready_fd.read_end()), "READY=1\n");
    EXPECT_EQ(read_until_closed(background_fd.read_end()), std::to_string(::getpid()) + "\n");
    EXPECT_EQ(socket.next(), "READY=1");
}

TEST_F(NotifierTest, ReadsTheWatchdogIntervalMeantForThisProcess) {
    ::setenv("WATCHDOG_USEC", "200000", 1);
    EXPECT_EQ(Notifier(std::nullopt, std::nullopt).watchdog_interval(), 200ms);
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
    EXPECT_EQ(Notifier(std::nullopt, std::nullopt).watchdog_interval(), 200ms);
    // Another process's watchdog (the parent of a --background daemon).
    ::setenv("WATCHDOG_PID", std::to_string(::getppid()).c_str(), 1);
    EXPECT_EQ(Notifier(std::nullopt, std::nullopt).watchdog_interval(), std::nullopt);
}

TEST_F(NotifierTest, WithoutNotifySocketSendsNothingAndSucceeds) {
    ::unsetenv("NOTIFY_SOCKET");
    EXPECT_FALSE(notify("READY=1"));
    Notifier notifier(std::nullopt, std::nullopt);
    EXPECT_EQ(notifier.watchdog_interval(), std::nullopt);
    EXPECT_NO_THROW({
        notifier.ready();
        notifier.status("serving");
        notifier.watchdog();
        notifier.stopping();
    });
    EXPECT_EQ(socket.next(100ms), "");
}

} // namespace
