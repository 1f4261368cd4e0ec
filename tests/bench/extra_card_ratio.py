#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The resampling ratio of an extra card whose clock is off: the test card
(tests/card) as two cards, the master (alsa, 48000 Hz, period 256, 3
periods, realtime where allowed) and "benchmic", declared with the test
card's `ppm BENCH_PPM` (default 100: its clock 100 parts per million fast),
run by jack-server as [[card]] mic (capture only, so one bridge: zita-a2j).
For BENCH_SECONDS (default 600) it reads the bridge's resampling ratio.

  tests/bench/extra_card_ratio.py BUILD_DIR    (make bench-extra-card-ratio)

The ratio is zita-a2j's own: jack-server runs `zita-a2j` by its name on
PATH, and the bench puts first on PATH a zita-a2j that execs the real one
with `-v` (its tracing: a line a few times a second whose second column is
the ratio's correction) under `stdbuf -oL`, the daemon's bridge writing to
the daemon's stdout, which the bench reads. So the process measured is
the one jack-server starts, with jack-server's arguments, plus -v.

A card fast by p ppm delivers rate * (1 + p/1e6) frames a second, so the
bridge settles at 1 / (1 + p/1e6): 0.99990001 for +100 ppm. Prints the
ratio's mean, median, min and max once settled (from BENCH_SETTLE seconds on,
default 60: zita's loop takes about a minute to converge), its mean's
deviation from that in ppm, the mean of each minute, and the lines where
zita lost track (nan) or restarted ("excessive timing errors"); the
master's xruns seen by a watching JACK client (python3-jack-client), and
the xruns JACK blamed on the bridge ("client = mic was not finished").
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extra_cards  # noqa: E402  (the cards and the watching client)

SECONDS = float(os.environ.get("BENCH_SECONDS", "600"))
SETTLE = float(os.environ.get("BENCH_SETTLE", "60"))
PPM = int(os.environ.get("BENCH_PPM", "100"))
SERVER = extra_cards.SERVER
TRACE = re.compile(r"^\s*(\S+)\s+(\S+)\s+(\S+)\s*$")


def verbose_bridge(folder):
    """A zita-a2j on PATH before the real one: the real one with -v, its
    stdout line-buffered."""
    real = shutil.which("zita-a2j")
    if real is None:
        raise SystemExit("no zita-a2j (zita-ajbridge, scripts/install-deps)")
    path = os.path.join(folder, "zita-a2j")
    with open(path, "w") as script:
        script.write(f'#!/bin/sh\nexec stdbuf -oL "{real}" -v "$@"\n')
    os.chmod(path, 0o755)


class Trace:
    """The lines the bridge prints on the daemon's stdout, each with the
    time it came."""

    def __init__(self, stream):
        self.lines = []
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream):
        for line in stream:
            self.lines.append((time.monotonic(), line.decode(errors="replace").rstrip("\n")))

    def ratios(self, since):
        """(seconds after since, ratio) of each trace line with a number."""
        found = []
        for at, line in self.lines:
            match = TRACE.match(line)
            if match and at >= since:
                try:
                    found.append((at - since, float(match.group(2))))
                except ValueError:
                    pass
        return found

    def count(self, predicate, since):
        return sum(1 for at, line in self.lines if at >= since and predicate(line))


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    build = os.path.abspath(sys.argv[1])
    cards = extra_cards.Cards(build, mic_ppm=PPM)
    folder = tempfile.mkdtemp(prefix="jack-server-bench-ratio-")
    verbose_bridge(folder)
    config = os.path.join(folder, "cards.toml")
    with open(config, "w") as text:
        text.write('[[card]]\nname = "mic"\ndevice = "benchmic"\nplayback = false\n')
    log = tempfile.NamedTemporaryFile(prefix="jack-server-bench-ratio-", suffix=".log",
                                      delete=False)
    environment = dict(os.environ, HOME=cards.home, JACK_NO_AUDIO_RESERVATION="1",
                       JACK_NO_START_SERVER="1",
                       PATH=folder + os.pathsep + os.environ.get("PATH", ""))
    server = subprocess.Popen(
        [os.path.join(build, "jack-server"), "-n", SERVER, "--config", config, "-d", "alsa",
         "-d", "benchmaster", "-r", "48000", "-p", "256", "-n", "3"],
        env=environment, stdout=subprocess.PIPE, stderr=log)
    trace = Trace(server.stdout)
    try:
        watch = extra_cards.watching(server, log)
        if watch.until(watch.present, 20.0) is None:
            raise SystemExit(f"the extra card never came; see {log.name}")
        start = time.monotonic()
        print(f"jack-server --config ([[card]] mic = benchmic, ppm {PPM:+d}, capture), "
              f"{SECONDS:.0f} s:")
        while time.monotonic() - start < SECONDS:
            if server.poll() is not None:
                raise SystemExit(f"jack-server ended ({server.returncode}); see {log.name}")
            time.sleep(1.0)
        xruns = watch.xruns
        watch.client.deactivate()
        watch.client.close()
        report(trace, start, xruns)
    finally:
        extra_cards.stop(server)
        cards.remove()
        shutil.rmtree(folder, ignore_errors=True)
        log.close()
        blamed = open(log.name).read().count("XRun: client = mic ")
        print(f"  JACK's xruns blamed on the bridge (client mic late): {blamed}")
        if os.environ.get("BENCH_KEEP_LOGS"):
            print(f"log: {log.name}")
        else:
            os.unlink(log.name)


def report(trace, start, xruns):
    expected = 1.0 / (1.0 + PPM / 1e6)
    ratios = trace.ratios(start)
    settled = [r for at, r in ratios if at >= SETTLE and r == r]  # r == r: not nan
    print(f"  trace lines                 {len(ratios)} "
          f"(one every {SECONDS / max(len(ratios), 1):.2f} s)")
    if settled:
        mean = statistics.fmean(settled)
        print(f"  expected ratio              {expected:.8f}")
        print(f"  settled (from {SETTLE:.0f} s) mean     {mean:.8f}, "
              f"deviation {(mean / expected - 1) * 1e6:+.2f} ppm")
        median = statistics.median(settled)
        print(f"  settled median              {median:.8f}, "
              f"deviation {(median / expected - 1) * 1e6:+.2f} ppm")
        print(f"  settled min / max           {min(settled):.6f} / {max(settled):.6f} "
              f"({(min(settled) / expected - 1) * 1e6:+.1f} / "
              f"{(max(settled) / expected - 1) * 1e6:+.1f} ppm)")
        print(f"  settled stdev               {statistics.pstdev(settled) * 1e6:.2f} ppm")
    else:
        print(f"  no settled ratio: the run is shorter than BENCH_SETTLE ({SETTLE:.0f} s)")
    print("  each minute's mean (ppm from expected):")
    for minute in range(int(SECONDS // 60) + (SECONDS % 60 > 0)):
        values = [r for at, r in ratios if minute * 60 <= at < (minute + 1) * 60 and r == r]
        if values:
            print(f"    {minute:2d}-{minute + 1:<2d} min  {statistics.fmean(values):.8f} "
                  f"({(statistics.fmean(values) / expected - 1) * 1e6:+7.2f})")
    lost = [at for at, r in ratios if r != r]
    restarts = trace.count(lambda line: "excessive timing errors" in line, start)
    print(f"  lines where zita lost track (nan)     {len(lost)}"
          + (f", the first at {lost[0]:.0f} s" if lost else ""))
    print(f"  zita restarts (excessive timing errors) {restarts}")
    print(f"  master's xruns (watching client)      {xruns}")


if __name__ == "__main__":
    main()
