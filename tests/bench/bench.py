#!/usr/bin/env python3
"""jack-server against jackd, and both against the floor (bench_floor: only
libjackserver's create/open/start). Same settings for all: dummy driver,
48000 Hz, period 64, no realtime, the same port-max. Prints the median of
BENCH_RUNS runs (default 5) of each figure, run alternately.

  tests/bench/bench.py BUILD_DIR          (make bench)

Figures, per run:
  first client   exec -> a polling client (test_client wait: jack_client_open
                 every 1 ms) is connected; the poller starts right after exec
  ready (script) exec -> `jack_lsp` run in a loop exits 0, as a shell script
                 without jack-server --background would wait
  stop           SIGTERM -> the process has exited
  peak RSS       VmHWM after BENCH_IDLE_SECONDS (default 10) of idle running
  idle CPU       utime+stime over those idle seconds, in % of one core
"""
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time

RATE, PERIOD = 48000, 64
PORT_MAX = int(os.environ.get("BENCH_PORT_MAX", "256"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
IDLE = float(os.environ.get("BENCH_IDLE_SECONDS", "10"))
TICKS = os.sysconf("SC_CLK_TCK")


def commands(build, name):
    server = ["-n", name, "-r", "-p", str(PORT_MAX)]
    driver = ["-d", "dummy", "-r", str(RATE), "-p", str(PERIOD)]
    return {
        "jack-server": [os.path.join(build, "jack-server")] + server + driver,
        "jackd": [shutil.which("jackd") or "jackd"] + server + driver,
        "floor": [os.path.join(build, "tests/bench/bench_floor"), name, str(RATE), str(PERIOD),
                  str(PORT_MAX)],
    }


def environment(name):
    env = dict(os.environ)
    env.update(JACK_DEFAULT_SERVER=name, JACK_NO_START_SERVER="1")
    return env


def status_kb(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def stop(process):
    start = time.perf_counter()
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    return time.perf_counter() - start


def one_run(build, kind, run):
    name = f"bench-{kind}-{os.getpid()}-{run}"
    env = environment(name)
    argv = commands(build, name)[kind]
    poller = [os.path.join(build, "tests/clients/test_client"), "wait", "20000"]
    figures = {}
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # first client, then idle CPU and peak RSS, then stop
    start = time.perf_counter()
    daemon = subprocess.Popen(argv, env=env, **quiet)
    if subprocess.call(poller, env=env, **quiet) != 0:
        raise SystemExit(f"{kind}: no client could connect")
    figures["first client (ms)"] = (time.perf_counter() - start) * 1000
    ticks = cpu_ticks(daemon.pid)
    time.sleep(IDLE)  # the measured idle period
    figures["idle CPU (%)"] = (cpu_ticks(daemon.pid) - ticks) / TICKS / IDLE * 100
    figures["peak RSS (kB)"] = status_kb(daemon.pid, "VmHWM")
    figures["stop (ms)"] = stop(daemon) * 1000

    # ready as a script sees it
    start = time.perf_counter()
    daemon = subprocess.Popen(argv, env=env, **quiet)
    while subprocess.call(["jack_lsp"], env=env, **quiet) != 0:
        if time.perf_counter() - start > 20:
            raise SystemExit(f"{kind}: not ready after 20 s")
        time.sleep(0.01)
    figures["ready, script (ms)"] = (time.perf_counter() - start) * 1000
    stop(daemon)
    return figures


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    kinds = ["jack-server", "jackd", "floor"]
    results = {kind: [] for kind in kinds}
    for run in range(RUNS):
        for kind in kinds:  # alternately, so drifting load hits all alike
            results[kind].append(one_run(build, kind, run))
            print(f"run {run + 1}/{RUNS} {kind}: " +
                  ", ".join(f"{k} {v:.1f}" for k, v in results[kind][-1].items()),
                  file=sys.stderr)
    figures = list(results["jackd"][0].keys())
    median = {kind: {f: statistics.median(r[f] for r in results[kind]) for f in figures}
              for kind in kinds}
    print(f"\nmedians of {RUNS} runs; dummy driver, {RATE} Hz, period {PERIOD}, -r, "
          f"port-max {PORT_MAX}; load average {os.getloadavg()[0]:.2f}")
    print(f"| figure | jack-server | jackd | floor | jack-server/jackd |")
    print(f"|---|---:|---:|---:|---:|")
    for f in figures:
        a, b, c = median["jack-server"][f], median["jackd"][f], median["floor"][f]
        ratio = a / b if b else float("nan")
        print(f"| {f} | {a:.1f} | {b:.1f} | {c:.1f} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
