#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The Python module against the C++ library it wraps. Prints the median of
BENCH_RUNS runs (default 5) of each figure, run alternately.

  tests/bench/python_bench.py BUILD_DIR       (make bench-python)

Figures, per run, each in a fresh process:
  import           `import jack_server` in a python3 that has started
                   (the module, libjack_server and libjackserver loading)
  start -> client  Server(name=..., realtime=False, driver="dummy",
                   rate=48000, period=64) and port-max 256, .start(), then a
                   client in a child process (test_client wait) connected:
                   Python, and the same calls of the C++ API
                   (bench_start_to_client)
"""
import os
import statistics
import subprocess
import sys

RATE, PERIOD, PORT_MAX = 48000, 64, 256
RUNS = int(os.environ.get("BENCH_RUNS", "5"))

PYTHON = """
import os, subprocess, sys, time
start = time.perf_counter()
import jack_server
imported = time.perf_counter()
name, rate, period, port_max, test_client = sys.argv[1:]
jack_server.set_info_function(None)
start_server = time.perf_counter()
server = jack_server.Server(name=name, realtime=False, driver="dummy", rate=int(rate),
                            period=int(period))
server.params["port-max"].value = int(port_max)
server.start()
env = dict(os.environ, JACK_DEFAULT_SERVER=name, JACK_NO_START_SERVER="1")
if subprocess.call([test_client, "wait", "20000"], env=env) != 0:
    sys.exit("no client could connect")
connected = time.perf_counter()
server.stop()
print(f"import {(imported - start) * 1000:.2f}")
print(f"client {(connected - start_server) * 1000:.2f}")
"""


def figures(output):
    return {line.split()[0]: float(line.split()[1]) for line in output.splitlines()}


def run(argv, env):
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"{argv[0]} exited {result.returncode}: {result.stderr}")
    return figures(result.stdout)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    test_client = os.path.join(build, "tests/clients/test_client")
    cpp = os.path.join(build, "tests/bench/bench_start_to_client")
    env = dict(os.environ, PYTHONPATH=os.path.join(build, "python"))
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    results = {"python": [], "c++": []}
    for i in range(RUNS):
        args = [str(RATE), str(PERIOD), str(PORT_MAX), test_client]
        name = f"bench-py-{os.getpid()}-{i}"
        results["python"].append(run([python, "-c", PYTHON, name] + args, env))
        results["c++"].append(run([cpp, f"bench-cpp-{os.getpid()}-{i}"] + args, env))
        print(f"run {i + 1}/{RUNS}: python {results['python'][-1]}, c++ {results['c++'][-1]}",
              file=sys.stderr)
    median = {kind: {f: statistics.median(r[f] for r in rs) for f in rs[0]}
              for kind, rs in results.items()}
    print(f"\nmedians of {RUNS} runs; dummy driver, {RATE} Hz, period {PERIOD}, "
          f"port-max {PORT_MAX}, no realtime; load average {os.getloadavg()[0]:.2f}")
    print("| figure | Python | C++ | Python - C++ |")
    print("|---|---:|---:|---:|")
    print(f"| import jack_server (ms) | {median['python']['import']:.1f} | | |")
    a, b = median["python"]["client"], median["c++"]["client"]
    print(f"| Server(...).start() -> client connected (ms) | {a:.1f} | {b:.1f} | {a - b:+.1f} |")


if __name__ == "__main__":
    main()
