#!/usr/bin/env python3
"""A long run under churning clients (make soak, not part of make test).

  tests/bench/soak.py BUILD_DIR

Runs jack-server -r -p 256 -d dummy -r 48000 -p 64 for SOAK_SECONDS (default
600) while one jack_metro plays and test_client churn opens, connects and
closes clients in a loop. Every SOAK_INTERVAL seconds (default 60) it prints a
table row: elapsed time, xruns so far (the log's XRun lines), DSP load
(jack_cpu_load's last report), RSS and threads. Exits 1 if the daemon died or
no longer serves a client at the end.
"""
import os
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


def dsp_load(env):
    try:
        # stdbuf: jack_cpu_load's reports would stay in its buffer when killed.
        out = subprocess.run(["stdbuf", "-oL", "jack_cpu_load"], env=env, stderr=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True,
                             timeout=2.5).stdout
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode()
    loads = [line.split()[-1] for line in out.splitlines() if line.startswith("jack DSP load")]
    return float(loads[-1]) if loads else float("nan")


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    name = f"soak-{os.getpid()}"
    env = dict(os.environ, JACK_DEFAULT_SERVER=name, JACK_NO_START_SERVER="1")
    client = os.path.join(build, "tests/clients/test_client")
    log = tempfile.NamedTemporaryFile(prefix="jack-server-soak-", suffix=".log", delete=False)
    daemon = subprocess.Popen([os.path.join(build, "jack-server"), "-n", name, "-r", "-p", "256",
                               "-d", "dummy", "-r", "48000", "-p", "64"], env=env, stderr=log)
    if subprocess.call([client, "wait", "20000"], env=env, stderr=subprocess.DEVNULL) != 0:
        raise SystemExit("soak: the server did not start; see " + log.name)
    quiet = dict(env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    metro = subprocess.Popen(["jack_metro", "-b", "120"], **quiet)
    churn = subprocess.Popen(["sh", "-c", f"while :; do '{client}' churn 20 || exit 1; done"],
                             **quiet)
    print(f"soak: {SECONDS:.0f} s, dummy 48000 Hz period 64, log {log.name}")
    print("| elapsed (s) | xruns | DSP load (%) | RSS (kB) | threads |")
    print("|---:|---:|---:|---:|---:|")
    start = time.monotonic()
    failed = False
    while True:
        elapsed = time.monotonic() - start
        if daemon.poll() is not None:
            print(f"soak: the daemon exited with {daemon.returncode}")
            failed = True
            break
        with open(log.name, errors="replace") as text:
            xruns = sum("XRun" in line for line in text)
        print(f"| {elapsed:.0f} | {xruns} | {dsp_load(env):.2f} | {status(daemon.pid, 'VmRSS')} "
              f"| {status(daemon.pid, 'Threads')} |", flush=True)
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
