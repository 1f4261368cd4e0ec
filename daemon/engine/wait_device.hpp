// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <chrono>
#include <functional>
#include <optional>

namespace jack_server {
class Server;
}

namespace jack_server::detail {

class Notifier;
class EventLoop;

// Opens the server. With wait (--wait-device), an open that fails is retried
// every retry_delay (Limits::device_retry) until wait has passed, each
// distinct failure logged once and systemd's start timeout extended meanwhile.
// Returns false when a stop signal arrived while waiting (read from loop).
// before_open runs before each try (a device named by identity is resolved
// again there); a ServerNotOpenedError from it counts as a failed open.
// Throws ServerNotOpenedError when the time is up.
bool open_waiting(Server& server, std::optional<std::chrono::milliseconds> wait,
                  std::chrono::milliseconds retry_delay, Notifier& notifier, EventLoop& loop,
                  const std::function<void()>& before_open = {});

} // namespace jack_server::detail
