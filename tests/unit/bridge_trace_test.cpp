// SPDX-License-Identifier: GPL-2.0-or-later
// What an extra card's bridge says (zita-a2j, zita-j2a with -v): its trace
// lines give the card's resampling ratio, its restarts the card's stream
// breaks; read from a real pseudo-terminal, as the daemon reads it.

#include "parts/bridge_trace.hpp"
#include "wait.hpp"

#include <chrono>
#include <gtest/gtest.h>
#include <string_view>
#include <unistd.h>

using namespace jack_server::detail;

namespace {

using Kind = BridgeLine::Kind;

TEST(BridgeLine, ATraceLineGivesTheRatio) {
    auto line = parse_bridge_line("   0.221   0.999921   404");
    EXPECT_EQ(line.kind, Kind::trace);
    ASSERT_TRUE(line.ratio);
    EXPECT_DOUBLE_EQ(*line.ratio, 0.999921);
    EXPECT_EQ(parse_bridge_line("-22776.580   1.016574 -71824").ratio, 1.016574);
}

TEST(BridgeLine, ALostTrackIsATraceLineWithoutARatio) {
    auto line = parse_bridge_line("     nan        nan   400");
    EXPECT_EQ(line.kind, Kind::trace);
    EXPECT_FALSE(line.ratio);
    EXPECT_FALSE(parse_bridge_line("   0.1   -nan   3").ratio);
}

TEST(BridgeLine, EveryOtherLineIsTold) {
    EXPECT_EQ(parse_bridge_line("Starting synchronisation.").kind, Kind::synchronising);
    EXPECT_EQ(parse_bridge_line("Detected excessive timing errors, waiting 10 seconds.").kind,
              Kind::timing_errors);
    EXPECT_EQ(parse_bridge_line("  nchan  : 2").kind, Kind::setting);
    EXPECT_EQ(parse_bridge_line("capture  :").kind, Kind::setting);
    EXPECT_EQ(parse_bridge_line("Alsa_pcmi: error on capture pollfd.").kind, Kind::other);
    EXPECT_EQ(parse_bridge_line("Can't open ALSA capture device 'hw:9'.").kind, Kind::other);
    // Three words, not three numbers; four numbers.
    EXPECT_EQ(parse_bridge_line("0.1 0.9 x").kind, Kind::other);
    EXPECT_EQ(parse_bridge_line("0.1 0.9 3 4").kind, Kind::other);
    EXPECT_EQ(parse_bridge_line("").kind, Kind::other);
}

// The bridge's side of the terminal, kept open by the test (the trace
// closes its own copy once the bridge "started"). The kernel passes what is
// written on to the reading side a moment later: each text ends with a
// trace line whose ratio marks it, and `said` reads until that comes.
class Bridge {
public:
    Bridge() : trace("mic", "zita-a2j"), end(::dup(trace.terminal())) { trace.started(); }
    ~Bridge() { close(); }
    bool write(std::string_view text) const {
        return ::write(end, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    }
    bool said(std::string_view text, double marker) {
        if (!write(text))
            return false;
        return test::wait_until([&] {
            trace.read();
            return trace.ratio() == marker;
        });
    }
    void close() {
        if (end >= 0)
            ::close(end);
        end = -1;
    }
    BridgeTrace trace;
    int end;
};

TEST(BridgeTrace, TheLatestRatioIsTheCards) {
    Bridge bridge;
    bridge.trace.read();
    EXPECT_FALSE(bridge.trace.ratio()) << "a ratio before any trace";
    ASSERT_TRUE(bridge.said(
        "Starting synchronisation.\n   0.038   0.999989     0\n   0.221   0.9999", 0.999989));
    ASSERT_TRUE(bridge.said("21   404\n", 0.999921)) << "a line in two writes";
    ASSERT_TRUE(bridge.said("     nan        nan   400\n   0.1   1.000002   400\n", 1.000002));
    EXPECT_EQ(bridge.trace.restarts(), 0u);
}

// zita can lose track of the card's clock for good (after a gap in the
// card's stream): its ratio nan line after line, since the first.
TEST(BridgeTrace, ALostTrackLeavesNoRatioSinceItsFirstLine) {
    Bridge bridge;
    ASSERT_TRUE(bridge.said("   0.1   1.000001   400\n", 1.000001));
    EXPECT_FALSE(bridge.trace.lost_since());
    auto before = std::chrono::steady_clock::now();
    ASSERT_TRUE(bridge.write("  -nan  -nan  400\n"));
    ASSERT_TRUE(test::wait_until([&] {
        bridge.trace.read();
        return !bridge.trace.ratio();
    }));
    auto since = bridge.trace.lost_since();
    ASSERT_TRUE(since);
    EXPECT_GE(*since, before);
    ASSERT_TRUE(bridge.write("-102514.618 -nan -138232\n"));
    ASSERT_TRUE(bridge.said("   0.1   1.000002   400\n", 1.000002));
    EXPECT_FALSE(bridge.trace.lost_since()) << "found again";
}

// A stall: "Detected excessive timing errors", then ten seconds later its
// restart; an ALSA error: its restart alone. One break each, and the
// bridge's first synchronisation is none.
TEST(BridgeTrace, EachBreakOfTheStreamCountsOnce) {
    Bridge bridge;
    ASSERT_TRUE(bridge.said("Starting synchronisation.\n   0.1   1.000001   400\n", 1.000001));
    EXPECT_EQ(bridge.trace.restarts(), 0u);
    ASSERT_TRUE(bridge.said(
        "Detected excessive timing errors, waiting 10 seconds.\n  -9.1   1.050000   400\n", 1.05));
    EXPECT_EQ(bridge.trace.restarts(), 1u) << "counted only ten seconds later";
    ASSERT_TRUE(bridge.said("Starting synchronisation.\n   0.1   1.000002   400\n", 1.000002));
    EXPECT_EQ(bridge.trace.restarts(), 1u);
    ASSERT_TRUE(bridge.said(
        "Alsa_pcmi: error on capture pollfd.\nStarting synchronisation.\n 0.1 1.000003 400\n",
        1.000003));
    EXPECT_EQ(bridge.trace.restarts(), 2u);
}

// What a bridge wrote before it ended is still read.
TEST(BridgeTrace, ABridgeThatClosedItsEndIsReadToTheEnd) {
    Bridge bridge;
    ASSERT_TRUE(bridge.write(" 0.1 0.999900 400\n"));
    bridge.close();
    EXPECT_TRUE(test::wait_until([&] {
        bridge.trace.read(); // EIO once all is read, as from a bridge that ended
        return bridge.trace.ratio() == 0.9999;
    }));
}

} // namespace
