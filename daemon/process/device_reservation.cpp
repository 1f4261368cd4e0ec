// SPDX-License-Identifier: GPL-2.0-or-later
#include "process/device_reservation.hpp"

#include "log.hpp"

#include <cstdlib>
#include <fmt/format.h>

#if JACK_SERVER_HAVE_SYSTEMD
#include <cerrno>
#include <climits>
#include <cstring>
#include <map>
#include <mutex>
#include <systemd/sd-bus.h>
#endif

namespace jack_server::detail {

#if JACK_SERVER_HAVE_SYSTEMD

namespace {

constexpr const char* interface_name = "org.freedesktop.ReserveDevice1";
// The highest: no other application may take a card from a running server.
constexpr std::int32_t our_priority = INT32_MAX;
constexpr const char* our_application_name = "jack-server";

std::string service_of(const std::string& device) {
    return std::string(interface_name) + "." + device;
}
std::string object_of(const std::string& device) {
    return "/org/freedesktop/ReserveDevice1/" + device;
}

// A card we hold: the object others ask.
struct Holding {
    std::string device;
    sd_bus_slot* object = nullptr;
};

int refuse_release(sd_bus_message* call, void* data, sd_bus_error*) {
    const auto& held = *static_cast<const Holding*>(data);
    std::int32_t asked = 0;
    sd_bus_message_read(call, "i", &asked);
    log::info("device reservation: refused to release {} (asked with priority {}) while the "
              "server runs",
              held.device, asked);
    return sd_bus_reply_method_return(call, "b", 0);
}

int application_name(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void*,
                     sd_bus_error*) {
    return sd_bus_message_append(reply, "s", our_application_name);
}

// The name ALSA gives card N: what the user would type.
int application_device_name(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply,
                            void* data, sd_bus_error*) {
    const auto& device = static_cast<const Holding*>(data)->device;
    auto card = device.substr(device.find_first_of("0123456789"));
    return sd_bus_message_append(reply, "s", ("hw:" + card).c_str());
}

int priority(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void*,
             sd_bus_error*) {
    return sd_bus_message_append(reply, "i", our_priority);
}

const sd_bus_vtable reservation_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("RequestRelease", "i", "b", refuse_release, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_PROPERTY("ApplicationName", "s", application_name, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("ApplicationDeviceName", "s", application_device_name, 0,
                    SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("Priority", "i", priority, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_VTABLE_END};

std::string reason(int negative_errno, const sd_bus_error& error) {
    if (sd_bus_error_is_set(&error) && error.message)
        return error.message;
    return std::strerror(-negative_errno);
}

class SdBusReservation final : public SessionBusReservation {
public:
    explicit SdBusReservation(std::chrono::milliseconds reply_timeout)
        : reply_timeout_(reply_timeout) {}
    ~SdBusReservation() override {
        std::lock_guard lock(mutex_);
        while (!held_.empty())
            let_go(held_.begin()->first);
        if (bus_)
            sd_bus_flush_close_unref(bus_);
    }

    bool acquire(const std::string& device) override {
        std::lock_guard lock(mutex_);
        refusal_.reset();
        if (!connected())
            return true;
        auto service = service_of(device);
        int taken = sd_bus_request_name(bus_, service.c_str(), 0);
        if (taken == -EEXIST)
            taken = take_over(device);
        if (taken < 0) {
            if (!refusal_)
                refusal_ = fmt::format("cannot take {} on the session bus: {}", service,
                                       std::strerror(-taken));
            return false;
        }
        auto& held = held_[device];
        held.device = device;
        sd_bus_add_object_vtable(bus_, &held.object, object_of(device).c_str(), interface_name,
                                 reservation_vtable, &held);
        log::info("device reservation: acquired {} on the session bus", device);
        return true;
    }

    void release(const std::string& device) override {
        std::lock_guard lock(mutex_);
        if (held_.count(device)) {
            let_go(device);
            log::info("device reservation: released {}", device);
        }
    }

    void serve() override {
        std::lock_guard lock(mutex_);
        if (!bus_)
            return;
        while (sd_bus_process(bus_, nullptr) > 0) {
        }
    }

    void release_all() override {
        std::lock_guard lock(mutex_);
        while (!held_.empty()) {
            auto device = held_.begin()->first;
            let_go(device);
            log::info("device reservation: released {}", device);
        }
    }

    std::optional<std::string> refusal() const override {
        std::lock_guard lock(mutex_);
        return refusal_;
    }

private:
    // Opens the session bus once; without one, says so once.
    bool connected() {
        if (bus_ || tried_)
            return bus_ != nullptr;
        tried_ = true;
        int error = sd_bus_open_user(&bus_);
        if (error < 0) {
            bus_ = nullptr;
            log::info("device reservation: no D-Bus session bus ({}); opening cards without "
                      "asking other sound servers",
                      std::strerror(-error));
            return false;
        }
        sd_bus_set_method_call_timeout(
            bus_, std::uint64_t(std::chrono::microseconds(reply_timeout_).count()));
        return true;
    }

    // Asks the holder to release the card, then takes its name. Returns a
    // negative errno and sets refusal_ when the card stays with the holder.
    int take_over(const std::string& device) {
        auto service = service_of(device);
        auto object = object_of(device);
        auto holder = holder_name(service, object);
        sd_bus_error error = SD_BUS_ERROR_NULL;
        sd_bus_message* reply = nullptr;
        int called = sd_bus_call_method(bus_, service.c_str(), object.c_str(), interface_name,
                                        "RequestRelease", &error, &reply, "i", our_priority);
        int released = 0;
        if (called >= 0)
            sd_bus_message_read(reply, "b", &released);
        if (called < 0 || !released) {
            refusal_ = fmt::format("the card {} is held by '{}', which {}", device, holder,
                                   called < 0 ? "did not answer the request to release it (" +
                                                    reason(called, error) + ")"
                                              : std::string("refused to release it"));
            sd_bus_error_free(&error);
            sd_bus_message_unref(reply);
            return -EBUSY;
        }
        sd_bus_error_free(&error);
        sd_bus_message_unref(reply);
        int taken = sd_bus_request_name(bus_, service.c_str(), SD_BUS_NAME_REPLACE_EXISTING);
        if (taken == -EEXIST && released_in_time(service)) {
            log::info("device reservation: '{}' let go of {} a moment after it agreed to", holder,
                      device);
            taken = sd_bus_request_name(bus_, service.c_str(), 0);
        }
        if (taken < 0)
            refusal_ = fmt::format("the card {} is held by '{}', which agreed to release it "
                                   "but kept it ({})",
                                   device, holder,
                                   taken == -EEXIST
                                       ? fmt::format("still after {} ms", reply_timeout_.count())
                                       : std::strerror(-taken));
        else
            log::info("device reservation: '{}' released {}", holder, device);
        return taken;
    }

    // A holder that agreed to release the card but does not allow its name
    // to be replaced lets go of it itself, maybe a moment later: waits for
    // the bus to say the name has no owner (NameOwnerChanged), up to the
    // reply timeout. True once it has none.
    bool released_in_time(const std::string& service) {
        struct Watch {
            const std::string& service;
            bool released = false;
        } watch{service};
        auto on_owner_changed = [](sd_bus_message* signal, void* data, sd_bus_error*) -> int {
            auto& watching = *static_cast<Watch*>(data);
            const char *name = nullptr, *old_owner = nullptr, *new_owner = nullptr;
            if (sd_bus_message_read(signal, "sss", &name, &old_owner, &new_owner) >= 0 && name &&
                watching.service == name && new_owner && *new_owner == '\0')
                watching.released = true;
            return 0;
        };
        sd_bus_slot* match = nullptr;
        if (sd_bus_match_signal(bus_, &match, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                "org.freedesktop.DBus", "NameOwnerChanged", on_owner_changed,
                                &watch) < 0)
            return false;
        // The name may have gone between the request and the match.
        bool released = !owned(service);
        auto until = std::chrono::steady_clock::now() + reply_timeout_;
        while (!released && !watch.released) {
            auto left = std::chrono::duration_cast<std::chrono::microseconds>(
                until - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                break;
            int processed = sd_bus_process(bus_, nullptr);
            if (processed < 0)
                break;
            if (processed == 0)
                sd_bus_wait(bus_, std::uint64_t(left.count()));
        }
        sd_bus_slot_unref(match);
        return released || watch.released;
    }

    bool owned(const std::string& service) {
        sd_bus_error error = SD_BUS_ERROR_NULL;
        sd_bus_message* reply = nullptr;
        int has = 1;
        if (sd_bus_call_method(bus_, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                               "org.freedesktop.DBus", "NameHasOwner", &error, &reply, "s",
                               service.c_str()) >= 0)
            sd_bus_message_read(reply, "b", &has);
        sd_bus_error_free(&error);
        sd_bus_message_unref(reply);
        return has != 0;
    }

    // The holder's ApplicationName; its bus name when it gives none.
    std::string holder_name(const std::string& service, const std::string& object) {
        char* name = nullptr;
        sd_bus_error error = SD_BUS_ERROR_NULL;
        std::string found;
        if (sd_bus_get_property_string(bus_, service.c_str(), object.c_str(), interface_name,
                                       "ApplicationName", &error, &name) >= 0 &&
            name)
            found = name;
        else
            found = service;
        std::free(name);
        sd_bus_error_free(&error);
        return found;
    }

    void let_go(const std::string& device) {
        auto held = held_.find(device);
        sd_bus_slot_unref(held->second.object);
        sd_bus_release_name(bus_, service_of(device).c_str());
        held_.erase(held);
    }

    mutable std::mutex mutex_;
    std::chrono::milliseconds reply_timeout_;
    sd_bus* bus_ = nullptr;
    bool tried_ = false;
    std::map<std::string, Holding> held_;
    std::optional<std::string> refusal_;
};

} // namespace

std::shared_ptr<SessionBusReservation>
make_device_reservation(bool turned_off, std::chrono::milliseconds reply_timeout) {
    if (turned_off || std::getenv("JACK_NO_AUDIO_RESERVATION")) {
        log::debug("device reservation: turned off");
        return nullptr;
    }
    return std::make_shared<SdBusReservation>(reply_timeout);
}

#else

std::shared_ptr<SessionBusReservation> make_device_reservation(bool, std::chrono::milliseconds) {
    log::debug("device reservation: not built in (no libsystemd)");
    return nullptr;
}

#endif

} // namespace jack_server::detail
