#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The resampling ratio of an extra card whose clock is off: the test card
(tests/card) as two cards, the master (alsa, 48000 Hz, period 256, 3
periods, realtime where allowed) and "benchmic", declared with the test
card's `ppm BENCH_PPM` (default 100: its clock 100 parts per million fast),
run by jack-server as [[card]] mic (capture only, so one bridge: zita-a2j).
For BENCH_SECONDS (default 600) it reads the bridge's resampling ratio.

  tests/bench/extra_card_ratio.py BUILD_DIR    (make bench-extra-card-ratio)

The ratio is the one jack-server reports: it runs its bridges with zita's
-v and reads their trace (four lines a second), and the bench asks for its
status line (SIGUSR1) twice a second and reads the card's "ratio X" there.

A card fast by p ppm delivers rate * (1 + p/1e6) frames a second, so the
bridge settles at 1 / (1 + p/1e6): 0.99990001 for +100 ppm. Prints the
ratio's mean, median, min and max once settled (from BENCH_SETTLE seconds on,
default 60: zita's loop takes about a minute to converge), its mean's
deviation from that in ppm, the mean of each minute, the times zita lost
track of the card's clock (the daemon attached the card afresh) or restarted
its stream ("excessive timing errors"), the card's xruns as the daemon
counts them; the master's xruns seen by a watching JACK client
(python3-jack-client), and the xruns JACK blamed on the bridge ("client =
mic was not finished").
"""
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extra_cards  # noqa: E402  (the cards and the watching client)

SECONDS = float(os.environ.get("BENCH_SECONDS", "600"))
SETTLE = float(os.environ.get("BENCH_SETTLE", "60"))
PPM = int(os.environ.get("BENCH_PPM", "100"))
SERVER = extra_cards.SERVER
STATUS = re.compile(r"cards mic present \(ratio ([0-9.]+), xruns (\d+)\)")


class Status:
    """The card's ratio in the daemon's status line, asked for (SIGUSR1)
    twice a second: (seconds since the start, ratio) each, and the card's
    xruns in the last."""

    def __init__(self, server, log_path):
        self.server, self.log_path = server, log_path
        self.ratios, self.card_xruns, self.read_up_to = [], 0, 0

    def ask(self, since):
        self.server.send_signal(signal.SIGUSR1)
        time.sleep(0.5)
        with open(self.log_path, errors="replace") as log:
            log.seek(self.read_up_to)
            text = log.read()
            self.read_up_to = log.tell()
        for match in STATUS.finditer(text):
            self.ratios.append((time.monotonic() - since, float(match.group(1))))
            self.card_xruns = int(match.group(2))


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    build = os.path.abspath(sys.argv[1])
    cards = extra_cards.Cards(build, mic_ppm=PPM)
    folder = tempfile.mkdtemp(prefix="jack-server-bench-ratio-")
    config = os.path.join(folder, "cards.toml")
    with open(config, "w") as text:
        text.write('[[card]]\nname = "mic"\ndevice = "benchmic"\nplayback = false\n')
    log = tempfile.NamedTemporaryFile(prefix="jack-server-bench-ratio-", suffix=".log",
                                      delete=False)
    environment = dict(os.environ, HOME=cards.home, JACK_NO_AUDIO_RESERVATION="1",
                       JACK_NO_START_SERVER="1")
    server = subprocess.Popen(
        [os.path.join(build, "jack-server"), "-n", SERVER, "--config", config, "-d", "alsa",
         "-d", "benchmaster", "-r", "48000", "-p", "256", "-n", "3"],
        env=environment, stdout=log, stderr=log)
    status = Status(server, log.name)
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
            status.ask(start)
        xruns = watch.xruns
        watch.client.deactivate()
        watch.client.close()
        report(status, open(log.name, errors="replace").read(), xruns)
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


def report(status, log, xruns):
    expected = 1.0 / (1.0 + PPM / 1e6)
    ratios = status.ratios
    settled = [r for at, r in ratios if at >= SETTLE]
    print(f"  status lines with a ratio   {len(ratios)} "
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
        values = [r for at, r in ratios if minute * 60 <= at < (minute + 1) * 60]
        if values:
            print(f"    {minute:2d}-{minute + 1:<2d} min  {statistics.fmean(values):.8f} "
                  f"({(statistics.fmean(values) / expected - 1) * 1e6:+7.2f})")
    print(f"  zita lost track, card attached afresh   {log.count('lost track of its clock')}")
    print(f"  zita restarts (excessive timing errors) "
          f"{log.count('Detected excessive timing errors')}")
    print(f"  the card's xruns (the daemon's count)   {status.card_xruns}")
    print(f"  master's xruns (watching client)        {xruns}")


if __name__ == "__main__":
    main()
