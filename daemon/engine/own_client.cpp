// SPDX-License-Identifier: GPL-2.0-or-later
#include "engine/own_client.hpp"

#include "jack_server/error.hpp"

#include <fmt/format.h>
#include <jack/jack.h>

namespace jack_server::detail {

jack_client_t* open_own_client(const std::string& server_name, const std::string& client_name,
                               const std::string& what) {
    jack_status_t status{};
    auto* client = jack_client_open(client_name.c_str(),
                                    static_cast<jack_options_t>(JackNoStartServer | JackServerName),
                                    &status, server_name.c_str());
    if (client == nullptr)
        throw ServerNotStartedError(
            fmt::format("cannot open the {} client on server '{}' (JACK status {:#x})", what,
                        server_name, static_cast<unsigned>(status)));
    return client;
}

void activate_own_client(jack_client_t* client, const std::string& server_name,
                         const std::string& what) {
    if (jack_activate(client) != 0) {
        jack_client_close(client);
        throw ServerNotStartedError(
            fmt::format("cannot activate the {} client on server '{}'", what, server_name));
    }
}

} // namespace jack_server::detail
