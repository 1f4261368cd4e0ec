#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A JACK client for card_loss.py: connects its output to system:playback_1
and to its own input, notes the CLOCK_MONOTONIC time of every process
cycle, and after SECONDS prints one JSON object, then stays until killed:

  {"gaps": [[start, end], ...],   pauses between two cycles longer than GAP
   "shut_down": reason or null,   JACK's shutdown callback, if it came
   "connections": [...]}          its output's connections at the end

  cycle_probe.py NAME SECONDS GAP (JACK_DEFAULT_SERVER names the server)

It prints "ready" on a line of its own once active and connected.
"""
import json
import sys
import time

import jack


def main():
    name, seconds, gap = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    client = jack.Client(name, no_start_server=True)
    times = []
    shut_down = []
    client.set_process_callback(lambda frames: times.append(time.monotonic()))
    client.set_shutdown_callback(lambda status, reason: shut_down.append(reason))
    out = client.outports.register("out")
    into = client.inports.register("in")
    client.activate()
    client.connect(out, "system:playback_1")
    client.connect(out, into)
    print("ready", flush=True)
    time.sleep(seconds)
    seen = list(times)
    gaps = [[a, b] for a, b in zip(seen, seen[1:]) if b - a > gap]
    connections = []
    if not shut_down:
        connections = sorted(port.name for port in client.get_all_connections(out))
    print(json.dumps({"gaps": gaps, "shut_down": shut_down[0] if shut_down else None,
                      "connections": connections}), flush=True)
    # Active until killed: the bench stops the server first, so that the
    # server's stop is not timed with a client that just died.
    while True:
        time.sleep(60)


if __name__ == "__main__":
    main()
