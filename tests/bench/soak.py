#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A long run under churning clients (make soak, not part of make test).

  tests/bench/soak.py BUILD_DIR

Runs jack-server -r -p 256 -d dummy -r 48000 -p 64 for SOAK_SECONDS (default
600) while one jack_metro plays and test_client churn opens, connects and
closes clients in a loop. Every SOAK_INTERVAL seconds (default 60) it prints a
table row: elapsed time; xruns and DSP load (now and maximum) as the daemon
counts them (its SIGUSR1 status line: the xrun callbacks JACK sent, the
engine's DSP load); late cycles (JACK's "JackTimedDriver::Process XRun" log
lines: cycles the dummy driver woke up too late for, each one an xrun); RSS;
threads. Exits 1 if the daemon died or no longer serves a client at the end.

SOAK_SERVER=jackd runs jackd instead, for comparison: it has no status line,
so only late cycles, RSS and threads are shown.
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

SECONDS = float(os.environ.get("SOAK_SECONDS", "600"))
INTERVAL = float(os.environ.get("SOAK_INTERVAL", "60"))


def status(pid, field):
    with open(f"/proc/{pid}/status") as lines:
        for line in lines:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def daemon_status(pid, log):
    """xruns, DSP load and its maximum from the daemon's SIGUSR1 status line."""
    before = os.path.getsize(log)
    os.kill(pid, signal.SIGUSR1)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        with open(log, errors="replace") as text:
            text.seek(before)
            found = re.search(r"status: .*xruns (\d+), DSP load ([\d.]+) % \(max ([\d.]+) %\)",
                              text.read())
        if found:
            return int(found[1]), float(found[2]), float(found[3])
        time.sleep(0.05)
    raise SystemExit("soak: the daemon wrote no status line after SIGUSR1")


def late_cycles(log):
    with open(log, errors="replace") as text:
        return sum("JackTimedDriver::Process XRun" in line for line in text)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    name = f"soak-{os.getpid()}"
    env = dict(os.environ, JACK_DEFAULT_SERVER=name, JACK_NO_START_SERVER="1")
    client = os.path.join(build, "tests/clients/test_client")
    log = tempfile.NamedTemporaryFile(prefix="jack-server-soak-", suffix=".log", delete=False)
    server = os.environ.get("SOAK_SERVER", "jack-server")
    binary = os.path.join(build, "jack-server") if server == "jack-server" else server
    daemon = subprocess.Popen([binary, "-n", name, "-r", "-p", "256",
                               "-d", "dummy", "-r", "48000", "-p", "64"], env=env, stderr=log)
    if subprocess.call([client, "wait", "20000"], env=env, stderr=subprocess.DEVNULL) != 0:
        raise SystemExit("soak: the server did not start; see " + log.name)
    quiet = dict(env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    metro = subprocess.Popen(["jack_metro", "-b", "120"], **quiet)
    churn = subprocess.Popen(["sh", "-c", f"while :; do '{client}' churn 20 || exit 1; done"],
                             **quiet)
    print(f"soak: {server}, {SECONDS:.0f} s, dummy 48000 Hz period 64, log {log.name}")
    print("| elapsed (s) | xruns | DSP load (%) | DSP load max (%) | late cycles | RSS (kB) "
          "| threads |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    start = time.monotonic()
    failed = False
    while True:
        elapsed = time.monotonic() - start
        if daemon.poll() is not None:
            print(f"soak: the daemon exited with {daemon.returncode}")
            failed = True
            break
        if server == "jack-server":
            xruns, load, load_max = daemon_status(daemon.pid, log.name)
            own = f"{xruns} | {load:.1f} | {load_max:.1f}"
        else:
            own = "– | – | –"
        print(f"| {elapsed:.0f} | {own} | {late_cycles(log.name)} "
              f"| {status(daemon.pid, 'VmRSS')} | {status(daemon.pid, 'Threads')} |", flush=True)
        if elapsed >= SECONDS:
            break
        time.sleep(min(INTERVAL, max(0.0, SECONDS - elapsed)))
    if churn.poll() is not None and churn.returncode != 0:
        print("soak: a churning client failed")
        failed = True
    churn.kill()
    metro.kill()
    if not failed and subprocess.call([client, "cycles", "10"], **quiet) != 0:
        print("soak: the server no longer serves a client")
        failed = True
    daemon.send_signal(signal.SIGTERM)
    daemon.wait(timeout=30)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
