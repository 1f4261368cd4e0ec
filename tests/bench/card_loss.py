#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The sound card pulled out under a running server, jack-server against
jackd 1.9.21 on the same test card (tests/card: an ALSA plugin whose every
call fails with ENODEV once unplugged, or blocks once stalled). Alsa driver,
48000 Hz, period 256, no realtime; a client (cycle_probe.py) connected to
system:playback_1 and to itself runs throughout. Prints the median of
BENCH_RUNS runs (default 3) of each figure.

  tests/bench/card_loss.py BUILD_DIR      (make bench-card-loss)

With a client (jack-server --fallback dummy, and jackd):
  unplug -> cycling   the card unplugged -> the client's next process cycle
                      (13 ms: cycling never paused longer than 2.5 periods)
  CPU after unplug    the server's CPU time over the 5 s after the unplug,
                      in % of one core
  client kept         the client never got JACK's shutdown callback, and its
                      connections are the same after as before
  replug -> on card   the card plugged in again (5 s after the unplug) -> the
                      server logged it runs on the card ("back on the card")
  pause at the return the longest pause in the client's cycles from the replug
                      on (13 ms: none longer than the probe sees, 2.5 periods)
  SIGTERM -> exit     then SIGTERM -> the process has exited, and its status

Without a fallback, no client (jack-server, and jackd):
  unplug -> exit      the card unplugged -> the server exited, and its status
  stall -> exit       the card's calls block -> the server exited, and its
                      status (jack-server: --stall-timeout's default, 2 s)
A server still running after 10 s is reported so, with what SIGTERM then
does (SIGKILL after 10 s more).
BENCH_KEEP_LOGS=1 keeps the servers' logs and prints where they are.
"""
import json
import os
import pathlib
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

RATE, PERIOD = 48000, 256
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CARD = "benchcard"
AFTER_UNPLUG = 5.0   # seconds watched after the unplug, before the replug
AFTER_REPLUG = 3.0   # seconds the probe keeps running after the replug
NO_EXIT_WAIT = 10.0  # a server not gone after this is "still running"
# The probe's resolution: a pause in cycles longer than 2.5 periods (a cycle
# missed); a switch that never paused that long counts as this long.
GAP = 2.5 * PERIOD / RATE
# The probe needs python3-jack-client, Debian's, which /usr/bin/python3 has
# even where another python3 comes first on PATH.
PROBE_PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


class TestCard:
    """The test card, declared in the .asoundrc of a HOME of its own."""

    def __init__(self, build):
        self.home = tempfile.mkdtemp(prefix="jack-server-bench-card-")
        self.state = os.path.join(self.home, "card-state")
        os.mkdir(self.state)
        plugin = os.path.join(build, "tests/card/libasound_module_jstest_card.so")
        if not os.path.exists(plugin):
            raise SystemExit(f"no test card plugin at {plugin}: build first (make build)")
        pathlib.Path(self.home, ".asoundrc").write_text(
            f'pcm_type.jstest_card {{ lib "{plugin}" }}\n'
            f'ctl_type.jstest_card {{ lib "{plugin}" }}\n'
            f'pcm.{CARD} {{ type jstest_card state "{self.state}" }}\n'
            f'ctl.{CARD} {{ type jstest_card card 0 state "{self.state}" }}\n')

    def unplug(self):
        pathlib.Path(self.state, "unplugged").touch()

    def stall(self):
        pathlib.Path(self.state, "stalled").touch()

    def plug(self):
        for name in ("unplugged", "stalled"):
            pathlib.Path(self.state, name).unlink(missing_ok=True)

    def remove(self):
        shutil.rmtree(self.home, ignore_errors=True)


def environment(card, name):
    env = dict(os.environ)
    env.update(HOME=card.home, JACK_DEFAULT_SERVER=name, JACK_NO_START_SERVER="1",
               JACK_NO_AUDIO_RESERVATION="1")
    return env


def server_argv(kind, build, name, fallback):
    driver = ["-d", "alsa", "-d", CARD, "-r", str(RATE), "-p", str(PERIOD)]
    if kind == "jackd":
        return [shutil.which("jackd") or "jackd", "-n", name, "-r"] + driver
    extra = ["--fallback", "dummy"] if fallback else []
    return [os.path.join(build, "jack-server"), "-n", name, "-r"] + extra + driver


def cpu_seconds(pid):
    """CPU time of the process, threads that ended included (utime + stime,
    in ticks of 10 ms: 0.2 % of one core over the 5 s measured)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def exited_within(pid, timeout):
    """The time (monotonic) the process exited, or None if still running."""
    fd = os.pidfd_open(pid)
    try:
        if select.select([fd], [], [], timeout)[0]:
            return time.monotonic()
        return None
    finally:
        os.close(fd)


def logged(path, text, timeout):
    """The time (monotonic) text first appeared in the log at path, or None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in pathlib.Path(path).read_text(errors="replace"):
            return time.monotonic()
        time.sleep(0.002)
    return None


def wait_serving(env):
    return subprocess.call(["jack_wait", "-w", "-t", "20"], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL) == 0


class Server:
    def __init__(self, argv, env):
        self.argv = argv
        self.log = tempfile.NamedTemporaryFile(prefix="jack-server-bench-log-", delete=False)
        self.process = subprocess.Popen(argv, env=env, stdout=self.log, stderr=self.log)
        if not wait_serving(env):
            self.process.kill()
            raise SystemExit(f"{argv[0]} did not start: {pathlib.Path(self.log.name).read_text()}")

    def stop(self):
        """SIGTERM -> (seconds to exit, status); SIGKILL after 10 s."""
        if self.process.poll() is not None:
            raise SystemExit(f"{self.argv[0]} exited {self.process.returncode} before SIGTERM; "
                             f"its log: {self.log.name}")
        start = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        end = exited_within(self.process.pid, NO_EXIT_WAIT)
        if end is None:
            self.process.kill()
            self.process.wait()
            return None, "killed"
        return end - start, self.process.wait()

    def remove_log(self):
        if os.environ.get("BENCH_KEEP_LOGS"):
            print(f"log: {self.log.name}", file=sys.stderr)
        else:
            os.unlink(self.log.name)


def pause_after(gaps, moment):
    """The end of the first pause in cycles that ends after moment: the
    switch the unplug or the replug caused."""
    return next((end for start, end in gaps if end > moment), None)


def with_a_client(kind, build, card, name):
    """One run of unplug -> 5 s -> replug -> 3 s, with the probe client."""
    env = environment(card, name)
    server = Server(server_argv(kind, build, name, fallback=True), env)
    probe = subprocess.Popen([PROBE_PYTHON, os.path.join(os.path.dirname(__file__),
                                                           "cycle_probe.py"),
                              f"probe-{os.getpid()}", str(1 + AFTER_UNPLUG + AFTER_REPLUG),
                              str(GAP)],
                             env=env, stdout=subprocess.PIPE, text=True)
    if probe.stdout.readline().strip() != "ready":
        raise SystemExit(f"the probe client did not start on {kind}")
    time.sleep(1)
    connections_before = sorted(["system:playback_1", f"probe-{os.getpid()}:in"])
    unplugged = time.monotonic()
    card.unplug()
    cpu_before = cpu_seconds(server.process.pid)
    time.sleep(AFTER_UNPLUG)
    alive = server.process.poll() is None
    cpu = (cpu_seconds(server.process.pid) - cpu_before) / AFTER_UNPLUG if alive else None
    plugged = time.monotonic()
    card.plug()
    back = logged(server.log.name, "back on the card", AFTER_REPLUG) if alive else None
    report = json.loads(probe.stdout.readline() or "{}")
    stop_time, status = server.stop() if alive else (None, server.process.wait())
    probe.kill()  # after the stop, as a client that outlives its server
    probe.wait()
    server.remove_log()
    gaps = report.get("gaps", [])
    resumed = pause_after(gaps, unplugged)
    if resumed is None and back:
        # Cycling never paused longer than the probe sees: at most that long.
        print(f"note: {kind}: no pause in cycles longer than {GAP * 1000:.0f} ms after the "
              "unplug; counted as that long", file=sys.stderr)
        resumed = unplugged + GAP
    # The switch back: the longest pause in cycles from the replug on (none
    # longer than GAP counts as GAP, the probe's resolution).
    pauses = [end - start for start, end in gaps if end > plugged]
    return {
        "unplug -> cycling": (resumed - unplugged) if resumed and resumed < plugged else None,
        "CPU after unplug": cpu,
        "client kept": (report.get("shut_down") is None
                        and report.get("connections") == connections_before),
        "replug -> on card": (back - plugged) if back else None,
        "pause at the return": max(pauses + [GAP]) if back else None,
        "SIGTERM -> exit": stop_time,
        "status": status,
    }


def without_a_fallback(kind, build, card, name, fault):
    env = environment(card, name)
    server = Server(server_argv(kind, build, name, fallback=False), env)
    time.sleep(0.5)
    getattr(card, fault)()
    faulted = time.monotonic()
    end = exited_within(server.process.pid, NO_EXIT_WAIT)
    if end is not None:
        figures = {"exit": end - faulted, "status": server.process.wait(), "SIGTERM": None}
    else:
        stop_time, status = server.stop()
        figures = {"exit": None, "status": status if stop_time else "SIGKILL",
                   "SIGTERM": stop_time if stop_time else "ignored for 10 s"}
    card.plug()
    server.remove_log()
    return figures


def median(values):
    known = [v for v in values if v is not None]
    if len(known) < len(values):
        return None
    return statistics.median(known)


def seconds(value, never="never"):
    if value is None:
        return never
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def column(runs):
    keys = runs[0].keys()
    out = {}
    for key in keys:
        values = [run[key] for run in runs]
        if key == "CPU after unplug":
            m = median(values)
            out[key] = "exited" if m is None else f"{m * 100:.1f} %"
        elif key == "client kept":
            out[key] = f"{sum(values)} of {len(values)} runs"
        elif key.endswith("then SIGTERM -> exit"):
            texts = [v for v in values if isinstance(v, str)]
            out[key] = texts[0] if texts else seconds(median(values), "-")
        elif key.endswith("status"):
            out[key] = ", ".join(sorted({str(v) for v in values}))
        elif key.endswith("-> exit") and key != "SIGTERM -> exit":
            out[key] = seconds(median(values), f"still running after {NO_EXIT_WAIT:.0f} s")
        else:
            out[key] = seconds(median(values))
    return out


def table(title, columns):
    keys = list(next(iter(columns.values()))[0].keys())
    width = max(len(k) for k in keys) + 2
    cells = {kind: column(runs) for kind, runs in columns.items()}
    print(title)
    print(" " * width + "".join(f"{kind:<34}" for kind in cells))
    for key in keys:
        print(f"{key:<{width}}" + "".join(f"{cells[kind].get(key, ''):<34}" for kind in cells))
    print()


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    build = os.path.abspath(sys.argv[1])
    card = TestCard(build)
    try:
        with_client = {"jack-server --fallback dummy": [], "jackd": []}
        no_fallback = {"jack-server": [], "jackd": []}
        # Fixed names: a server that had to be killed (jackd, stalled) leaves
        # its entry in JACK's registry, which holds 8, until a server of the
        # same name starts again.
        for run in range(RUNS):
            for kind, label in (("jack-server", "jack-server --fallback dummy"),
                                ("jackd", "jackd")):
                name = f"bench-loss-{kind}"
                with_client[label].append(with_a_client(kind, build, card, name))
            for kind in ("jack-server", "jackd"):
                figures = {}
                for fault in ("unplug", "stall"):
                    name = f"bench-{fault}-{kind}"
                    result = without_a_fallback(kind, build, card, name, fault)
                    figures[f"{fault} -> exit"] = result["exit"]
                    figures[f"{fault}: status"] = result["status"]
                    figures[f"{fault}: then SIGTERM -> exit"] = result["SIGTERM"]
                no_fallback[kind].append(figures)
            print(f"run {run + 1} of {RUNS} done", file=sys.stderr)
    finally:
        card.remove()
    print(f"card loss: alsa driver on the test card, {RATE} Hz, period {PERIOD}, "
          f"median of {RUNS} runs")
    table("With a client running", with_client)
    table("Without a fallback", no_fallback)


if __name__ == "__main__":
    main()
