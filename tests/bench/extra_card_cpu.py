#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The CPU one extra stereo card costs: the test card (tests/card) as two
cards, the master (alsa, 48000 Hz, period 256, 3 periods, realtime where
allowed) and "benchmic" (stereo, the test card's default), its capture side
only (playback would double the time; zita-j2a is the same code the other
way). Four ways, each measured over BENCH_SECONDS (default 20) from
/proc/PID/stat (utime + stime, in clock ticks), once its ports are there and
3 s more have passed:

  baseline    jack-server without --card: the daemon alone
  alsa_in     alsa_in -j mic -d benchmic -r 48000 -p 256 -n 2 -c 2 (jackd2),
              by hand beside that same daemon
  zita-a2j    zita-a2j -j mic -d benchmic -r 48000 -p 256 -n 2 -c 2, the same
  --card      jack-server with [[card]] mic = benchmic, playback = false: its
              bridge (zita-a2j with those arguments) is its child

For each: the bridge process, and what the daemon took more than the
baseline (the engine's work for one more client, and for --card the
daemon's part too: its presence probes, child processes every 0.5 s,
counted by the daemon's cutime + cstime once reaped). Prints the medians
of BENCH_RUNS rounds (default 3), in % of one core.

  tests/bench/extra_card_cpu.py BUILD_DIR      (make bench-extra-card-cpu)
"""
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extra_cards  # noqa: E402  (the cards and the watching client)

SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SETTLE = 3.0
TICKS = os.sysconf("SC_CLK_TCK")
SERVER = extra_cards.SERVER
BRIDGE_ARGS = ["-j", "mic", "-d", "benchmic", "-r", "48000", "-p", "256", "-n", "2", "-c", "2"]


def stat(pid):
    """(ppid, own CPU seconds, reaped children's CPU seconds) of pid, or None."""
    try:
        with open(f"/proc/{pid}/stat") as text:
            fields = text.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # fields[0] is the state (stat's 3rd field): utime is the 14th.
    return (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS,
            (int(fields[13]) + int(fields[14])) / TICKS)


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            figures = stat(int(entry))
            if figures and figures[0] == pid:
                found.append(int(entry))
    return found


def sample(server, bridge):
    """CPU seconds so far: the daemon (with its reaped children), the bridge
    (a child of the daemon's, or a process of its own), and the daemon's
    reaped children alone (its probes)."""
    _, own, reaped = stat(server.pid)
    bridge_figures = stat(bridge) if bridge else None
    return own + reaped, bridge_figures[1] if bridge_figures else 0.0, reaped


def measure(server, bridge):
    """% of one core over SECONDS: (daemon, bridge, the daemon's probes)."""
    before = sample(server, bridge)
    start = time.monotonic()
    time.sleep(SECONDS)
    after = sample(server, bridge)
    elapsed = time.monotonic() - start
    return tuple((b - a) / elapsed * 100 for a, b in zip(before, after))


def start_server(build, cards, log, config=None):
    environment = dict(os.environ, HOME=cards.home, JACK_NO_AUDIO_RESERVATION="1",
                       JACK_NO_START_SERVER="1")
    card = ["--config", config] if config else []
    server = subprocess.Popen(
        [os.path.join(build, "jack-server"), "-n", SERVER] + card +
        ["-d", "alsa", "-d", "benchmaster", "-r", "48000", "-p", "256", "-n", "3"],
        env=environment, stdout=log, stderr=log)
    return server, extra_cards.watching(server, log)


def by_hand(program, cards, watch, server, log):
    environment = dict(os.environ, HOME=cards.home, JACK_DEFAULT_SERVER=SERVER,
                       JACK_NO_START_SERVER="1")
    bridge = subprocess.Popen([program] + BRIDGE_ARGS, env=environment, stdout=log, stderr=log)
    try:
        if watch.until(watch.present, 20.0) is None:
            raise SystemExit(f"{program} never made its ports; see {log.name}")
        time.sleep(SETTLE)
        return measure(server, bridge.pid)
    finally:
        bridge.send_signal(signal.SIGINT)
        bridge.wait(10)
        watch.until(lambda: not watch.present(), 10.0)


def one_round(build, cards, config, log):
    """{way: (daemon %, bridge %)} of one round."""
    figures = {}
    server, watch = start_server(build, cards, log)
    try:
        time.sleep(SETTLE)
        figures["baseline"] = measure(server, None)
        figures["alsa_in"] = by_hand("alsa_in", cards, watch, server, log)
        figures["zita-a2j"] = by_hand("zita-a2j", cards, watch, server, log)
        figures["xruns by hand"] = watch.xruns
    finally:
        watch.client.close()
        extra_cards.stop(server)
    server, watch = start_server(build, cards, log, config)
    try:
        if watch.until(watch.present, 20.0) is None:
            raise SystemExit(f"the extra card never came; see {log.name}")
        time.sleep(SETTLE)
        bridges = [pid for pid in children(server.pid)
                   if open(f"/proc/{pid}/comm").read().strip() == "zita-a2j"]
        if len(bridges) != 1:
            raise SystemExit(f"expected one zita-a2j under jack-server, found {bridges}")
        figures["--card"] = measure(server, bridges[0])
        figures["xruns --card"] = watch.xruns
    finally:
        watch.client.close()
        extra_cards.stop(server)
    return figures


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for program in ("alsa_in", "zita-a2j"):
        if shutil.which(program) is None:
            raise SystemExit(f"no {program} (scripts/install-deps)")
    build = os.path.abspath(sys.argv[1])
    cards = extra_cards.Cards(build)
    folder = tempfile.mkdtemp(prefix="jack-server-bench-cpu-")
    config = os.path.join(folder, "cards.toml")
    with open(config, "w") as text:
        text.write('[[card]]\nname = "mic"\ndevice = "benchmic"\nplayback = false\n')
    log = tempfile.NamedTemporaryFile(prefix="jack-server-bench-cpu-", suffix=".log",
                                      delete=False)
    rounds = []
    try:
        for _ in range(RUNS):
            rounds.append(one_round(build, cards, config, log))
    finally:
        cards.remove()
        shutil.rmtree(folder, ignore_errors=True)
        if os.environ.get("BENCH_KEEP_LOGS"):
            print(f"log: {log.name}")
        else:
            os.unlink(log.name)
    report(rounds)


def report(rounds):
    base = statistics.median(r["baseline"][0] for r in rounds)
    print(f"one extra stereo card (capture), 48000 Hz, period 256, {SECONDS:.0f} s windows, "
          f"medians of {len(rounds)} rounds, % of one core:")
    print(f"  {'':<10} {'bridge':>8} {'daemon +':>9} {'total':>8}")
    print(f"  {'baseline':<10} {'':>8} {base:8.2f}%  (the daemon alone, no extra card)")
    for way in ("alsa_in", "zita-a2j", "--card"):
        bridge = statistics.median(r[way][1] for r in rounds)
        more = statistics.median(r[way][0] - r["baseline"][0] for r in rounds)
        total = statistics.median(r[way][1] + r[way][0] - r["baseline"][0] for r in rounds)
        print(f"  {way:<10} {bridge:7.2f}% {more:8.2f}% {total:7.2f}%")
    probes = statistics.median(r["--card"][2] for r in rounds)
    print(f"  --card's presence probes (the daemon's reaped children): {probes:.2f}%")
    print(f"  master's xruns: by hand {sum(r['xruns by hand'] for r in rounds)}, "
          f"--card {sum(r['xruns --card'] for r in rounds)} (all rounds)")


if __name__ == "__main__":
    main()
