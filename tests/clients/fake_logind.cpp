// SPDX-License-Identifier: GPL-2.0-or-later
// Plays logind on a test's own system bus (DBUS_SYSTEM_BUS_ADDRESS): owns
// org.freedesktop.login1 with the object /org/freedesktop/login1 and the
// parts of org.freedesktop.login1.Manager a sleep inhibitor uses: Inhibit
// (WHAT, WHO, WHY, MODE) returns the write end of a pipe, and the signal
// PrepareForSleep (b), emitted with true on SIGUSR1 and false on SIGUSR2.
//
//   fake_logind
//
// Prints, one line each, flushed: "ready" once it owns the name,
// "inhibit N WHAT WHO MODE" for the Nth inhibitor given (from 1), "closed N"
// when every copy of that inhibitor's descriptor is closed, "sleep" and
// "wake" for each signal emitted. Runs until SIGTERM. Exit 1 when it cannot
// take the name.

#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <poll.h>
#include <string>
#include <sys/signalfd.h>
#include <systemd/sd-bus.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr const char* object = "/org/freedesktop/login1";
constexpr const char* manager = "org.freedesktop.login1.Manager";

void say(const std::string& line) {
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
}

struct Logind {
    int given = 0;
    std::map<int, int> open; // read end of the pipe → the inhibitor's number
};

int inhibit(sd_bus_message* call, void* data, sd_bus_error* error) {
    auto& logind = *static_cast<Logind*>(data);
    const char *what = nullptr, *who = nullptr, *why = nullptr, *mode = nullptr;
    int read = sd_bus_message_read(call, "ssss", &what, &who, &why, &mode);
    if (read < 0)
        return read;
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) < 0)
        return sd_bus_error_set_errno(error, errno);
    int number = ++logind.given;
    logind.open[ends[0]] = number;
    // The reply holds a copy of the write end until it is sent.
    int replied = sd_bus_reply_method_return(call, "h", ends[1]);
    close(ends[1]);
    say("inhibit " + std::to_string(number) + " " + what + " " + who + " " + mode);
    return replied;
}

const sd_bus_vtable manager_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("Inhibit", "ssss", "h", inhibit, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_SIGNAL("PrepareForSleep", "b", 0), SD_BUS_VTABLE_END};

} // namespace

int main() {
    sigset_t handled;
    sigemptyset(&handled);
    for (int number : {SIGUSR1, SIGUSR2, SIGTERM, SIGINT})
        sigaddset(&handled, number);
    sigprocmask(SIG_BLOCK, &handled, nullptr);
    int signals = signalfd(-1, &handled, SFD_CLOEXEC);

    sd_bus* bus = nullptr;
    if (int error = sd_bus_open_system(&bus); error < 0) {
        std::fprintf(stderr, "fake_logind: no system bus: %s\n", std::strerror(-error));
        return 1;
    }
    Logind logind;
    sd_bus_slot* slot = nullptr;
    sd_bus_add_object_vtable(bus, &slot, object, manager, manager_vtable, &logind);
    if (int error = sd_bus_request_name(bus, "org.freedesktop.login1", 0); error < 0) {
        std::fprintf(stderr, "fake_logind: cannot own org.freedesktop.login1: %s\n",
                     std::strerror(-error));
        return 1;
    }
    say("ready");
    for (;;) {
        while (sd_bus_process(bus, nullptr) > 0) {
        }
        sd_bus_flush(bus);
        std::vector<pollfd> watched{{signals, POLLIN, 0},
                                    {sd_bus_get_fd(bus), short(sd_bus_get_events(bus)), 0}};
        for (const auto& [fd, number] : logind.open)
            watched.push_back({fd, 0, 0}); // POLLHUP: every write end closed
        if (poll(watched.data(), watched.size(), 1000) < 0 && errno != EINTR)
            return 1;
        for (std::size_t i = 2; i < watched.size(); ++i)
            if (watched[i].revents & (POLLHUP | POLLERR)) {
                say("closed " + std::to_string(logind.open[watched[i].fd]));
                logind.open.erase(watched[i].fd);
                close(watched[i].fd);
            }
        if (watched[0].revents & POLLIN) {
            signalfd_siginfo info{};
            if (::read(signals, &info, sizeof info) != sizeof info)
                continue;
            if (info.ssi_signo == SIGTERM || info.ssi_signo == SIGINT)
                break;
            bool sleeping = info.ssi_signo == SIGUSR1;
            sd_bus_emit_signal(bus, object, manager, "PrepareForSleep", "b", int(sleeping));
            sd_bus_flush(bus);
            say(sleeping ? "sleep" : "wake");
        }
    }
    sd_bus_slot_unref(slot);
    sd_bus_flush_close_unref(bus);
    return 0;
}
