// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/server_registry.hpp"

#include "jack_server/error.hpp"
#include "log.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <unistd.h>

namespace jack_server::detail {

namespace {

// JACK2's jack_shm_header_t on Linux (common/shm.h; JACK_SERVER_NAME_SIZE
// 256), as the compiler lays it out there.
constexpr std::size_t server_name_size = 256;
constexpr std::uint32_t registry_magic = 0x4a41434b; // "JACK"

struct ShmServer {
    pid_t pid;
    char name[server_name_size + 1];
};

struct ShmHeader {
    std::uint32_t magic;
    std::uint16_t protocol;
    int type; // jack_shmtype_t
    std::int32_t size;
    std::int32_t hdr_len;
    std::int32_t entry_len;
    ShmServer server[registry_slots];
};

bool process_alive(pid_t pid) {
    // EPERM: another user's process, running.
    return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
}

std::string prefix_of(uid_t uid, const std::string& name) {
    return fmt::format("jack-{}:{}:", uid, name);
}

} // namespace

std::vector<RegistrySlot> read_server_registry(const std::string& path) {
    std::vector<RegistrySlot> slots(registry_slots);
    std::ifstream file(path, std::ios::binary);
    ShmHeader header{};
    if (!file.read(reinterpret_cast<char*>(&header), sizeof header))
        return slots;
    if (header.magic != registry_magic ||
        header.hdr_len != static_cast<std::int32_t>(sizeof header)) {
        log::debug("{}: not a registry of this JACK's layout; reading it as empty", path);
        return slots;
    }
    for (std::size_t i = 0; i < registry_slots; ++i) {
        const auto& server = header.server[i];
        slots[i].pid = server.pid;
        slots[i].prefix.assign(server.name, strnlen(server.name, sizeof server.name));
        slots[i].alive = process_alive(server.pid);
    }
    return slots;
}

std::string choose_unique_name(const std::string& base, const std::vector<RegistrySlot>& slots,
                               uid_t uid) {
    bool free_slot = std::any_of(slots.begin(), slots.end(),
                                 [](const RegistrySlot& slot) { return slot.pid == 0; });
    // Every name a slot holds is taken when its server runs; when it does
    // not, the name is usable even with no free slot: registering it
    // reclaims its slot. Past the slots' count there is always a name no
    // slot holds.
    for (std::size_t n = 1; n <= 2 * registry_slots + 1; ++n) {
        auto name = fmt::format("{}-{}", base, n);
        auto prefix = prefix_of(uid, name);
        auto held = std::find_if(slots.begin(), slots.end(), [&](const RegistrySlot& slot) {
            return slot.pid != 0 && slot.prefix == prefix;
        });
        if (held != slots.end() && held->alive)
            continue;
        if (held != slots.end() || free_slot)
            return name;
    }
    throw ServerNotOpenedError(fmt::format(
        "cannot start a server with a unique name: JACK's registry of servers is full, its limit "
        "of {} servers is reached",
        registry_slots));
}

bool open_under_unique_name(Server& server, const std::function<bool()>& open,
                            const std::string& path) {
    auto base = server.name();
    for (std::size_t attempt = 1;; ++attempt) {
        auto name = choose_unique_name(base, read_server_registry(path), ::geteuid());
        server.set_name(name);
        try {
            return open();
        } catch (const ServerNotOpenedError& e) {
            server.stop();
            auto now = read_server_registry(path);
            auto prefix = prefix_of(::geteuid(), name);
            bool taken = std::any_of(now.begin(), now.end(), [&](const RegistrySlot& slot) {
                return slot.alive && slot.prefix == prefix && slot.pid != ::getpid();
            });
            bool full = std::none_of(now.begin(), now.end(),
                                     [](const RegistrySlot& slot) { return slot.pid == 0; });
            // Another job registered the name, or the last free slot, between
            // the reading and the opening: choose again.
            if (attempt > 2 * registry_slots || !(taken || full))
                throw;
            log::debug("server name '{}' was taken meanwhile: {}", name, e.what());
        }
    }
}

} // namespace jack_server::detail
