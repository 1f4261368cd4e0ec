// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jack_server::detail {

// A client that made the engine late, and how many times.
struct LateClient {
    std::string name;
    std::uint64_t times = 0;
};

// The client a JACK error line names as late, if it is one of the two lines
// JackEngine::CheckXRun writes when a client did not finish its cycle in time:
// "JackEngine::XRun: client = NAME was not finished, state = STATE" and
// "JackEngine::XRun: client NAME finished after current callback".
std::optional<std::string_view> late_client_named(std::string_view jack_error);

// Counts the engine's late clients by name. JACK names them only in those
// error lines, and JACK's error function is one for the whole process, so
// the count is too: the daemon's error function hands it every line (from
// JACK's threads, the realtime one included), the run's figures read it.
class LateClients {
public:
    static LateClients& of_process();

    void note(std::string_view jack_error);
    // The most late first, then by name.
    std::vector<LateClient> counts() const;
    std::uint64_t total() const;
    // A new run of the server counts from zero.
    void reset();

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::uint64_t, std::less<>> counts_;
};

} // namespace jack_server::detail
