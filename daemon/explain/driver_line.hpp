// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "explain/explanations.hpp"
#include "jack_server/driver.hpp"

namespace jack_server::detail {

// "e.g. jack-server -d alsa -d hw:0 -r 48000 -p 256": the driver's options
// as set, with one changed or added, a line to copy.
class DriverLine : public CorrectedLine {
public:
    explicit DriverLine(const Driver& driver) : driver_(driver) {}
    std::string with(char option, const std::string& value) const override;

private:
    Driver driver_;
};

} // namespace jack_server::detail
