// SPDX-License-Identifier: GPL-2.0-or-later
#include "process/logind.hpp"

#include "log.hpp"

#if JACK_SERVER_HAVE_SYSTEMD
#include <cstring>
#include <fcntl.h>
#include <systemd/sd-bus.h>
#include <unistd.h>
#endif

namespace jack_server::detail {

#if JACK_SERVER_HAVE_SYSTEMD

namespace {

constexpr const char* service = "org.freedesktop.login1";
constexpr const char* object = "/org/freedesktop/login1";
constexpr const char* manager = "org.freedesktop.login1.Manager";

class SdBusLogind final : public Logind {
public:
    // Takes the bus; closes it when gone.
    SdBusLogind(sd_bus* bus) : bus_(bus) {}
    ~SdBusLogind() override {
        release_inhibitor();
        sd_bus_slot_unref(match_);
        sd_bus_flush_close_unref(bus_);
    }

    // Listens to PrepareForSleep. False when the match cannot be added.
    bool listen() {
        auto on_signal = [](sd_bus_message* signal, void* data, sd_bus_error*) -> int {
            int sleeping = 0;
            if (sd_bus_message_read(signal, "b", &sleeping) >= 0)
                static_cast<SdBusLogind*>(data)->received_.push_back(sleeping != 0);
            return 0;
        };
        return sd_bus_match_signal(bus_, &match_, service, object, manager, "PrepareForSleep",
                                   on_signal, this) >= 0;
    }

    bool inhibit() override {
        if (fd_ >= 0)
            return true;
        sd_bus_error error = SD_BUS_ERROR_NULL;
        sd_bus_message* reply = nullptr;
        int called =
            sd_bus_call_method(bus_, service, object, manager, "Inhibit", &error, &reply, "ssss",
                               "sleep", "jack-server", "moving the engine off the cards", "delay");
        int fd = -1;
        if (called >= 0 && sd_bus_message_read(reply, "h", &fd) >= 0 && fd >= 0)
            // The message owns its descriptor.
            fd_ = fcntl(fd, F_DUPFD_CLOEXEC, 3);
        if (fd_ < 0) {
            absent_ = sd_bus_error_has_name(&error, SD_BUS_ERROR_SERVICE_UNKNOWN) ||
                      sd_bus_error_has_name(&error, SD_BUS_ERROR_NAME_HAS_NO_OWNER);
            refusal_ = sd_bus_error_is_set(&error) && error.message ? error.message
                                                                    : std::strerror(-called);
        }
        sd_bus_error_free(&error);
        sd_bus_message_unref(reply);
        if (fd_ >= 0)
            log::debug("suspend watch: took logind's delay inhibitor");
        return fd_ >= 0;
    }

    void release_inhibitor() override {
        if (fd_ < 0)
            return;
        close(fd_);
        fd_ = -1;
        log::debug("suspend watch: closed logind's delay inhibitor");
    }

    std::vector<bool> sleep_signals() override {
        while (sd_bus_process(bus_, nullptr) > 0) {
        }
        return std::exchange(received_, {});
    }

    const std::string& refusal() const { return refusal_; }
    // The latest inhibit failed because nobody owns logind's name.
    bool absent() const { return absent_; }

private:
    sd_bus* bus_;
    sd_bus_slot* match_ = nullptr;
    int fd_ = -1;
    std::vector<bool> received_;
    std::string refusal_;
    bool absent_ = false;
};

} // namespace

std::unique_ptr<Logind> watch_logind(bool turned_off, std::chrono::milliseconds reply_timeout) {
    if (turned_off) {
        log::debug("suspend watch: turned off");
        return nullptr;
    }
    sd_bus* bus = nullptr;
    if (int error = sd_bus_open_system(&bus); error < 0) {
        log::debug("suspend watch: no D-Bus system bus ({}); a suspend is not prepared for",
                   std::strerror(-error));
        return nullptr;
    }
    sd_bus_set_method_call_timeout(bus,
                                   std::uint64_t(std::chrono::microseconds(reply_timeout).count()));
    auto logind = std::make_unique<SdBusLogind>(bus);
    // The match first: a PrepareForSleep just after the inhibitor is seen.
    if (!logind->listen() || !logind->inhibit()) {
        log::debug("suspend watch: {} ({}); a suspend is not prepared for",
                   logind->absent() ? "no logind on the system bus"
                                    : "logind gave no delay inhibitor",
                   logind->refusal());
        return nullptr;
    }
    return logind;
}

#else

std::unique_ptr<Logind> watch_logind(bool, std::chrono::milliseconds) {
    log::debug("suspend watch: not built in (no libsystemd)");
    return nullptr;
}

#endif

} // namespace jack_server::detail
