// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "engine/late_clients.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jack_server::detail {

// What the run loop reads about the running engine. The real one is the
// Monitor, an in-process JACK client; the run loop's unit tests use a fake.
// When something happens that the run loop must act on at once (the engine
// shut down, the last client left), the implementation wakes the run loop's
// EventLoop; the run loop then asks here what it was.
class EngineState {
public:
    virtual ~EngineState() = default;

    // Process cycles run so far (main thread only).
    virtual std::uint64_t cycles() = 0;
    virtual std::uint64_t xruns() const = 0;
    // The clients the engine found late, by name, since the run started.
    virtual std::vector<LateClient> late_clients() const = 0;
    // The engine's DSP load in percent.
    virtual float dsp_load() const = 0;
    virtual std::uint32_t sample_rate() const = 0;
    virtual std::uint32_t period() const = 0;
    // Set once the engine shut down, with JACK's reason.
    virtual std::optional<std::string> shutdown_reason() const = 0;
    // Set once the master driver stopped on a device error (a card
    // unplugged), with the device's reason: no cycle runs after that.
    virtual std::optional<std::string> device_lost() const = 0;
    // Once another master driver runs (the fallback): the next loss is news.
    virtual void forget_device_lost() = 0;
    // With -T: the last client other than the monitor has left.
    virtual bool last_client_left() const = 0;
};

} // namespace jack_server::detail
