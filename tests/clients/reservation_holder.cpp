// SPDX-License-Identifier: GPL-2.0-or-later
// Holds a sound card the way PulseAudio and PipeWire do: owns
// org.freedesktop.ReserveDevice1.DEVICE on the session bus (freedesktop's
// device reservation protocol), with replacement allowed, and answers
// RequestRelease by handing the card over or refusing; or, `slow`, as a
// holder that does not allow replacement: it agrees to release the card and
// lets go of the name itself a second later.
//
//   reservation_holder DEVICE APPLICATION PRIORITY release|refuse|slow
//
// Prints, one line each, flushed: "holding DEVICE" once it owns the name,
// "RequestRelease P" for each request (P the asker's priority), "released
// DEVICE" when it let go itself, and "lost DEVICE" when the name goes to
// someone else. Runs until SIGTERM.
// Exit 1 when it cannot take the name.

#include <chrono>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <systemd/sd-bus.h>

namespace {

struct Holder {
    std::string device, application, service, path;
    int priority = 0;
    bool releases = false;
    bool slow = false; // lets go itself, a second after agreeing
    std::optional<std::chrono::steady_clock::time_point> release_at;
};

volatile std::sig_atomic_t stopping = 0;

void say(const std::string& line) {
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
}

int request_release(sd_bus_message* call, void* data, sd_bus_error*) {
    auto& holder = *static_cast<Holder*>(data);
    int asked = 0;
    int error = sd_bus_message_read(call, "i", &asked);
    if (error < 0)
        return error;
    say("RequestRelease " + std::to_string(asked));
    bool agreed = holder.releases && asked > holder.priority;
    if (agreed && holder.slow)
        holder.release_at = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    return sd_bus_reply_method_return(call, "b", agreed);
}

int application_name(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply,
                     void* data, sd_bus_error*) {
    return sd_bus_message_append(reply, "s", static_cast<Holder*>(data)->application.c_str());
}

int device_name(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void* data,
                sd_bus_error*) {
    return sd_bus_message_append(reply, "s", static_cast<Holder*>(data)->device.c_str());
}

int priority(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void* data,
             sd_bus_error*) {
    return sd_bus_message_append(reply, "i", static_cast<Holder*>(data)->priority);
}

int name_lost(sd_bus_message* signal, void* data, sd_bus_error*) {
    auto& holder = *static_cast<Holder*>(data);
    const char* name = nullptr;
    if (sd_bus_message_read(signal, "s", &name) >= 0 && name && holder.service == name)
        say("lost " + holder.device);
    return 0;
}

const sd_bus_vtable reservation_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("RequestRelease", "i", "b", request_release, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_PROPERTY("ApplicationName", "s", application_name, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("ApplicationDeviceName", "s", device_name, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("Priority", "i", priority, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_VTABLE_END};

int fail(const char* what, int error) {
    std::fprintf(stderr, "reservation_holder: %s: %s\n", what, std::strerror(-error));
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 5 || (std::strcmp(argv[4], "release") != 0 && std::strcmp(argv[4], "refuse") != 0 &&
                      std::strcmp(argv[4], "slow") != 0)) {
        std::fprintf(stderr,
                     "usage: reservation_holder DEVICE APPLICATION PRIORITY release|refuse|slow\n");
        return 2;
    }
    Holder holder{argv[1],
                  argv[2],
                  std::string("org.freedesktop.ReserveDevice1.") + argv[1],
                  std::string("/org/freedesktop/ReserveDevice1/") + argv[1],
                  std::atoi(argv[3]),
                  std::strcmp(argv[4], "refuse") != 0,
                  std::strcmp(argv[4], "slow") == 0};
    std::signal(SIGTERM, [](int) { stopping = 1; });
    std::signal(SIGINT, [](int) { stopping = 1; });

    sd_bus* bus = nullptr;
    int error = sd_bus_open_user(&bus);
    if (error < 0)
        return fail("cannot connect to the session bus", error);
    error = sd_bus_add_object_vtable(bus, nullptr, holder.path.c_str(),
                                     "org.freedesktop.ReserveDevice1", reservation_vtable, &holder);
    if (error < 0)
        return fail("cannot register the reservation object", error);
    error = sd_bus_match_signal(bus, nullptr, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                "org.freedesktop.DBus", "NameLost", name_lost, &holder);
    if (error < 0)
        return fail("cannot watch for NameLost", error);
    error = sd_bus_request_name(
        bus, holder.service.c_str(),
        holder.priority < INT_MAX && !holder.slow ? SD_BUS_NAME_ALLOW_REPLACEMENT : 0);
    if (error < 0)
        return fail(("cannot take " + holder.service).c_str(), error);
    say("holding " + holder.device);

    while (!stopping) {
        error = sd_bus_process(bus, nullptr);
        if (error < 0)
            return fail("bus", error);
        if (holder.release_at && std::chrono::steady_clock::now() >= *holder.release_at) {
            holder.release_at.reset();
            sd_bus_release_name(bus, holder.service.c_str());
            say("released " + holder.device);
        }
        if (error == 0)
            sd_bus_wait(bus, 100'000); // wakes for SIGTERM within 0.1 s at most
    }
    sd_bus_flush_close_unref(bus);
    return 0;
}
