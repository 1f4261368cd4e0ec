#pragma once

#include <chrono>
#include <optional>

namespace jack_server {
class Server;
}

namespace jack_server::detail {

class Notifier;
class SignalFd;

// Opens the server. With wait (--wait-device), an open that fails is retried
// every half second until wait has passed, each distinct failure logged once
// and systemd's start timeout extended meanwhile. Returns false when a stop
// signal arrived while waiting. Throws ServerNotOpenedError when the time is up.
bool open_waiting(Server& server, std::optional<std::chrono::milliseconds> wait, Notifier& notifier,
                  SignalFd& signals);

} // namespace jack_server::detail
