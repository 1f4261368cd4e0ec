// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <jack/types.h>
#include <string>
#include <utility>
#include <vector>

namespace jack_server::detail {

// The connections of the driver ports ("system:playback_1" ...) of the server
// running in this process, read through an in-process client. Switching the
// master driver unregisters the old driver's ports, which drops their
// connections; saving them before and restoring them after keeps the graph.
class DriverConnections {
public:
    // Reads the connections of every "system:" port. server_name names the
    // server running in this process. An empty set when no client can open.
    static DriverConnections save(const std::string& server_name);
    // The same through a client already open on that server. After the master
    // driver stopped (a device lost), opening a client waits 5 s for a cycle
    // that never comes, then fails: only an open client can still read.
    static DriverConnections save(const std::string& server_name, jack_client_t* client);

    // Connects again every saved pair whose ports exist. Returns the pairs that
    // could not be made ("a → b"), for the log.
    std::vector<std::string> restore() const;

    std::size_t size() const { return connections_.size(); }

private:
    std::string server_name_;
    std::vector<std::pair<std::string, std::string>> connections_; // source, destination
};

} // namespace jack_server::detail
