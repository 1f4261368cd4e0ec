#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""jack-server --dbus against jackdbus (Debian's jackd2), each on a private
session bus of its own (no service activation) with a home of its own. Same
settings for both: dummy driver, 48000 Hz, period 64, no realtime, port-max
256. /usr/bin/python3: python3-dbus and python3-jack-client.

  tests/bench/dbus_bench.py BUILD_DIR          (make bench-dbus)

Figures, medians of BENCH_RUNS (default 5) runs, run alternately:
  StartServer   the call -> its reply; both reply once their own client is
                active, and a JACK client opened right after is served (it
                is checked once: the run fails otherwise)
  StopServer    the call -> its reply (the server stopped)
Then BENCH_CYCLES (default 100) StartServer/StopServer in one process each,
the driver's period switched between 64 and 128 every ten: descriptors,
threads and RSS of the service after twenty cycles and at the end, and the
cycles' wall time.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import dbus
import jack

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
CYCLES = int(os.environ.get("BENCH_CYCLES", "100"))
SERVICE, OBJECT = "org.jackaudio.service", "/org/jackaudio/Controller"
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/>
<allow own="*"/></policy></busconfig>
"""


class Service:
    """A private bus and the service under test on it."""

    def __init__(self, argv, name):
        self.home = tempfile.mkdtemp(prefix="dbus-bench-")
        config = os.path.join(self.home, "bus.conf")
        with open(config, "w") as out:
            out.write(BUS_CONFIG)
        self.bus_daemon = subprocess.Popen(
            ["dbus-daemon", "--config-file=" + config, "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.address = self.bus_daemon.stdout.readline().strip()
        env = dict(os.environ, HOME=self.home, XDG_CONFIG_HOME=self.home + "/.config",
                   DBUS_SESSION_BUS_ADDRESS=self.address)
        self.process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        self.bus = dbus.bus.BusConnection(self.address)
        deadline = time.monotonic() + 20
        while not self.bus.name_has_owner(SERVICE):
            if time.monotonic() > deadline:
                sys.exit("%s never owned %s" % (argv[0], SERVICE))
            time.sleep(0.01)
        controller = self.bus.get_object(SERVICE, OBJECT)
        self.control = dbus.Interface(controller, "org.jackaudio.JackControl")
        self.configure = dbus.Interface(controller, "org.jackaudio.Configure")
        self.name = name
        for address, value in [(["engine", "driver"], dbus.String("dummy")),
                               (["engine", "name"], dbus.String(name)),
                               (["engine", "realtime"], dbus.Boolean(False)),
                               (["engine", "port-max"], dbus.UInt32(256)),
                               (["driver", "rate"], dbus.UInt32(48000)),
                               (["driver", "period"], dbus.UInt32(64))]:
            self.configure.SetParameterValue(address, value)

    def timed(self, call):
        began = time.monotonic()
        call()
        return (time.monotonic() - began) * 1000

    def served(self):
        client = jack.Client("bench-probe", servername=self.name, no_start_server=True)
        client.close()

    def footprint(self):
        proc = "/proc/%d" % self.process.pid
        rss = 0
        with open(proc + "/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
        return len(os.listdir(proc + "/fd")), len(os.listdir(proc + "/task")), rss

    def close(self):
        try:
            self.control.Exit()
        except dbus.DBusException:
            pass
        self.process.wait(timeout=30)
        self.bus_daemon.terminate()
        self.bus_daemon.wait()
        shutil.rmtree(self.home, ignore_errors=True)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    servers = {"jack-server": [os.path.join(build, "jack-server"), "--dbus"],
               "jackdbus": ["jackdbus", "auto"]}
    start = {name: [] for name in servers}
    stop = {name: [] for name in servers}
    for run in range(RUNS):
        for label, argv in servers.items():
            service = Service(argv, "dbus-bench-%d-%d" % (os.getpid(), run))
            start[label].append(service.timed(service.control.StartServer))
            service.served()
            stop[label].append(service.timed(service.control.StopServer))
            service.close()
    print("%-12s %14s %14s" % ("", "StartServer", "StopServer"))
    for label in servers:
        print("%-12s %11.1f ms %11.1f ms" % (label, statistics.median(start[label]),
                                             statistics.median(stop[label])))
    print("\n%d StartServer/StopServer cycles, period 64 and 128 in turn every ten:" % CYCLES)
    for label, argv in servers.items():
        service = Service(argv, "dbus-bench-cycles-%d" % os.getpid())
        began = time.monotonic()
        settled = None
        for cycle in range(CYCLES):
            if cycle % 10 == 0:
                service.configure.SetParameterValue(
                    ["driver", "period"], dbus.UInt32(64 if cycle // 10 % 2 == 0 else 128))
            service.control.StartServer()
            service.control.StopServer()
            if cycle == 19:
                settled = service.footprint()
        end = service.footprint()
        took = time.monotonic() - began
        print("%-12s after 20: %d fds, %d threads, %d kB; after %d: %d fds, %d threads, %d kB;"
              " %.1f s" % ((label,) + settled + (CYCLES,) + end + (took,)))
        service.close()


if __name__ == "__main__":
    main()
