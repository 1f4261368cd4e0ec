#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""jack-server against jackd, and both against the floor (bench_floor: only
libjackserver's create/open/start). Same settings for all: dummy driver,
48000 Hz, period 64, no realtime, the same port-max. Prints the median of
BENCH_RUNS runs (default 5) of each figure, run alternately.

  tests/bench/bench.py BUILD_DIR          (make bench)

Figures, per run:
  first client   exec -> a polling client (test_client wait: jack_client_open
                 every 1 ms) is connected; the poller starts right after exec
  ready (script) exec -> ready as a shell script sees it: `jack-server
                 --background` returning; `jackd &` followed by `jack_wait -w`
                 returning; the floor printing that it started
  floor's open   (floor only) how long libjackserver's jackctl_server_open took
  stop           SIGTERM -> the process has exited
  peak RSS       VmHWM after BENCH_IDLE_SECONDS (default 10) of idle running
  idle CPU       CPU time of all the daemon's threads (schedstat) over those
                 idle seconds, in % of one core

Then the CI one-line form against what a script does with jackd, median of
BENCH_CI_RUNS runs (default 10), wall time from start to exit of:
  jack-server -r -d dummy -- true
  sh -c 'jackd -r -d dummy & jack_wait -w; true; kill $!; wait'
(both with -n NAME, a name of their own; `wait` so the next run starts with
jackd gone, as jack-server's own line ends with its server gone).
BENCH_ONLY=ci runs only this part.

Then [[connect]]: with `jack-server --connect 'patched-*:out=system:playback_1'`
running, a client (test_client connected) registers an output port and
activates, BENCH_CI_RUNS times; the figure is the median time from its
jack_activate returning to its port being connected by the daemon.
BENCH_ONLY=connect runs only this part.
"""
import os
import select
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
CI_RUNS = int(os.environ.get("BENCH_CI_RUNS", "10"))


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


def cpu_seconds(pid):
    """CPU time the process's threads have run, to the nanosecond (schedstat;
    utime+stime count 10 ms ticks, too coarse for 1 % of 10 s)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as schedstat:
                total += int(schedstat.read().split()[0])
        except FileNotFoundError:  # the thread ended meanwhile
            pass
    return total / 1e9


def wait_exit(pid, timeout=30):
    """Blocks until the process pid has exited, to the microsecond: a pidfd
    becomes readable then (Popen.wait(timeout) polls with sleeps that double
    up to 50 ms, which rounded stop times up to 32 or 64 ms)."""
    fd = os.pidfd_open(pid)
    try:
        if not select.select([fd], [], [], timeout)[0]:
            raise SystemExit(f"pid {pid} still running {timeout} s after SIGTERM")
    finally:
        os.close(fd)


def stop(process):
    start = time.perf_counter()
    process.send_signal(signal.SIGTERM)
    wait_exit(process.pid)
    elapsed = time.perf_counter() - start
    process.wait()  # reap
    return elapsed


def stop_pid(pid):
    """Stops a daemon that is not our child (jack-server --background's)."""
    os.kill(pid, signal.SIGTERM)
    wait_exit(pid)


def ready_as_script(kind, argv, env, quiet):
    """Exec -> ready as a shell script sees it; stops the server after.
    Returns (milliseconds, the floor's open time or None)."""
    start = time.perf_counter()
    if kind == "jack-server":
        background = subprocess.run(argv[:1] + ["--background"] + argv[1:], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        elapsed = time.perf_counter() - start
        if background.returncode != 0:
            raise SystemExit(f"jack-server --background exited {background.returncode}")
        stop_pid(int(background.stdout.split()[0]))
        return elapsed * 1000, None
    if kind == "jackd":
        daemon = subprocess.Popen(argv, env=env, **quiet)
        if subprocess.call(["jack_wait", "-w", "-t", "20"], env=env, **quiet) != 0:
            raise SystemExit("jackd: jack_wait -w failed")
        elapsed = time.perf_counter() - start
        stop(daemon)
        return elapsed * 1000, None
    daemon = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
    line = daemon.stderr.readline()  # "started: create X ms, open Y ms, start Z ms"
    elapsed = time.perf_counter() - start
    if not line.startswith("started:"):
        raise SystemExit(f"floor: {line.strip() or 'did not start'}")
    stop(daemon)
    return elapsed * 1000, float(line.split("open ")[1].split(" ms")[0])


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
    cpu, idle_start = cpu_seconds(daemon.pid), time.perf_counter()
    time.sleep(IDLE)  # the measured idle period
    figures["idle CPU (%)"] = ((cpu_seconds(daemon.pid) - cpu) /
                               (time.perf_counter() - idle_start) * 100)
    figures["peak RSS (kB)"] = status_kb(daemon.pid, "VmHWM")
    figures["stop (ms)"] = stop(daemon) * 1000

    figures["ready, script (ms)"], floor_open = ready_as_script(kind, argv, env, quiet)
    if floor_open is not None:  # the floor's alone, so not in the table
        figures["floor's open (ms)"] = floor_open
    return figures


def ci_line(build):
    """Wall time (ms) of the one-line CI form against jackd's script form."""
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    jackd = shutil.which("jackd") or "jackd"
    times = {"jack-server -- true": [], "jackd & jack_wait -w; true; kill": []}
    for run in range(CI_RUNS):
        name = f"bench-ci-{os.getpid()}-{run}"
        env = environment(name)
        lines = {
            "jack-server -- true": [os.path.join(build, "jack-server"), "-n", name, "-r", "-d",
                                    "dummy", "--", "true"],
            "jackd & jack_wait -w; true; kill": [
                "sh", "-c", f'"{jackd}" -n {name} -r -d dummy & jack_wait -w >/dev/null; true; '
                'kill $!; wait'],
        }
        for label, argv in lines.items():  # alternately, as above
            start = time.perf_counter()
            status = subprocess.call(argv, env=env, **quiet)
            elapsed = (time.perf_counter() - start) * 1000
            if label.startswith("jack-server") and status != 0:
                raise SystemExit(f"{label}: exited {status}")
            times[label].append(elapsed)
            print(f"ci run {run + 1}/{CI_RUNS} {label}: {elapsed:.1f} ms", file=sys.stderr)
    ours, theirs = (statistics.median(t) for t in times.values())
    print(f"\nCI one-line form, wall time, median of {CI_RUNS} runs; load average "
          f"{os.getloadavg()[0]:.2f}")
    print("| command | wall time (ms) |")
    print("|---|---:|")
    print(f"| `jack-server -r -d dummy -- true` | {ours:.1f} |")
    print(f"| `jackd -r -d dummy & jack_wait -w; true; kill` | {theirs:.1f} |")


def kept_connection(build):
    """How soon the daemon connects a port that registers (ms)."""
    name = f"bench-connect-{os.getpid()}"
    env = environment(name)
    daemon = subprocess.Popen([os.path.join(build, "jack-server"), "-n", name, "-r", "--connect",
                               "patched-*:out=system:playback_1", "-d", "dummy", "-p", "64"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    poller = [os.path.join(build, "tests/clients/test_client"), "wait", "20000"]
    if subprocess.call(poller, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL) != 0:
        raise SystemExit("connect: the server did not come up")
    times = []
    for run in range(CI_RUNS):
        client = subprocess.run([os.path.join(build, "tests/clients/test_client"), "connected",
                                 "5000"], env=env, stdout=subprocess.PIPE, text=True)
        if client.returncode != 0:
            raise SystemExit(f"connect: run {run + 1}: not connected within 5 s")
        times.append(float(client.stdout))
        print(f"connect run {run + 1}/{CI_RUNS}: {times[-1]:.2f} ms", file=sys.stderr)
    stop(daemon)
    print(f"\n[[connect]]: activate to connected, median of {CI_RUNS}: "
          f"{statistics.median(times):.2f} ms (max {max(times):.2f} ms); load average "
          f"{os.getloadavg()[0]:.2f}")


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    if os.environ.get("BENCH_ONLY") == "ci":
        ci_line(build)
        return
    if os.environ.get("BENCH_ONLY") == "connect":
        kept_connection(build)
        return
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
    floor_open = statistics.median(r["floor's open (ms)"] for r in results["floor"])
    print(f"\nof the floor's start-up, libjackserver's jackctl_server_open took "
          f"{floor_open:.1f} ms (median)")
    ci_line(build)
    kept_connection(build)


if __name__ == "__main__":
    main()
