#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""An extra card (--card) pulled out and plugged back in, on the test card
(tests/card) as two cards: the master (alsa, 48000 Hz, period 256, no
realtime) and the extra card "benchmic", run beside it as the client mic
with --connect mic:capture_1=system:playback_1. A JACK client
(python3-jack-client) watches the ports and the connections. BENCH_RUNS
rounds (default 5) of: unplug, the ports gone, 2 s, plug, the ports and the
connection back. Prints the median and the worst of each figure, and the
master's xruns over the whole run (seen by the watching client).

  tests/bench/extra_cards.py BUILD_DIR      (make bench-extra-cards)

Then the same by hand, as users do it today: alsa_in -j mic -d benchmic,
unplugged and plugged in again (on a jack-server without --card, which keeps
the same connection): whether its ports go, whether they come back without a
restart, and the master's xruns meanwhile.
"""
import os
import pathlib
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

try:
    import jack
except ImportError:
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise SystemExit("needs python3-jack-client (scripts/install-deps)")

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SERVER = f"bench-extra-{os.getpid()}"
CLIENT = "mic"


class Cards:
    """The master and the extra card, in the .asoundrc of a HOME of their own;
    the extra card's clock mic_ppm parts per million fast (the test card's
    ppm: negative is slow). Used by extra_card_cpu.py and extra_card_ratio.py
    too."""

    def __init__(self, build, mic_ppm=0):
        self.home = tempfile.mkdtemp(prefix="jack-server-bench-cards-")
        plugin = os.path.join(build, "tests/card/libasound_module_jstest_card.so")
        if not os.path.exists(plugin):
            raise SystemExit(f"no test card plugin at {plugin}: build first (make build)")
        text = (f'pcm_type.jstest_card {{ lib "{plugin}" }}\n'
                f'ctl_type.jstest_card {{ lib "{plugin}" }}\n')
        for index, name in enumerate(["benchmaster", "benchmic"]):
            state = os.path.join(self.home, name)
            os.mkdir(state)
            skew = f" ppm {mic_ppm}" if name == "benchmic" and mic_ppm else ""
            text += (f'pcm.{name} {{ type jstest_card state "{state}"{skew} }}\n'
                     f'ctl.{name} {{ type jstest_card card {index} state "{state}" }}\n')
        pathlib.Path(self.home, ".asoundrc").write_text(text)
        self.mic = pathlib.Path(self.home, "benchmic", "unplugged")

    def unplug(self):
        self.mic.touch()

    def plug(self):
        self.mic.unlink(missing_ok=True)

    def remove(self):
        shutil.rmtree(self.home, ignore_errors=True)


class Watch:
    """A JACK client noting when mic:capture_1 comes and goes and when it is
    connected, and the xruns."""

    def __init__(self):
        self.client = jack.Client("bench-watch", servername=SERVER, no_start_server=True)
        self.changed = threading.Condition()
        self.xruns = 0
        self.client.set_port_registration_callback(self._port, only_available=False)
        self.client.set_port_connect_callback(self._connect, only_available=False)
        self.client.set_xrun_callback(self._xrun)
        self.client.activate()

    def _port(self, port, registered):
        with self.changed:
            self.changed.notify_all()

    def _connect(self, a, b, connected):
        with self.changed:
            self.changed.notify_all()

    def _xrun(self, delay):
        self.xruns += 1

    def present(self):
        return any(p.name == f"{CLIENT}:capture_1" for p in self.client.get_ports())

    def connected(self):
        try:
            return any(p.name == "system:playback_1" for p in
                       self.client.get_all_connections(f"{CLIENT}:capture_1"))
        except jack.JackError:
            return False

    def until(self, condition, timeout=10.0):
        """Seconds until condition holds, or None."""
        start = time.monotonic()
        with self.changed:
            while not condition():
                left = timeout - (time.monotonic() - start)
                if left <= 0:
                    return None
                self.changed.wait(min(left, 0.05))
        return time.monotonic() - start


def jack_server(build, cards, log, extra_card):
    """jack-server on the master card, with the extra card or without."""
    environment = dict(os.environ, HOME=cards.home, JACK_NO_AUDIO_RESERVATION="1",
                       JACK_NO_START_SERVER="1")
    card = ["--card", f"{CLIENT}=benchmic"] if extra_card else []
    return subprocess.Popen(
        [os.path.join(build, "jack-server"), "-n", SERVER, "-r"] + card +
        ["--connect", f"{CLIENT}:capture_1=system:playback_1", "-d", "alsa", "-d",
         "benchmaster", "-r", "48000", "-p", "256", "-n", "3"],
        env=environment, stdout=log, stderr=log)


def watching(server, log):
    """A Watch once the server serves."""
    deadline = time.monotonic() + 20
    while True:
        try:
            return Watch()
        except jack.JackError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"jack-server did not serve; see {log.name}")
            time.sleep(0.1)


def stop(server):
    server.send_signal(signal.SIGTERM)
    server.wait(20)


def figure(name, values):
    if not values or any(v is None for v in values):
        print(f"  {name:<28} never (within 10 s) in {sum(v is None for v in values)} of {len(values)}")
        return
    print(f"  {name:<28} median {statistics.median(values) * 1000:6.0f} ms, "
          f"worst {max(values) * 1000:6.0f} ms")


def by_hand(cards):
    """alsa_in started by hand on the extra card, unplugged and plugged back."""
    environment = dict(os.environ, HOME=cards.home, JACK_DEFAULT_SERVER=SERVER,
                       JACK_NO_START_SERVER="1")
    bridge = subprocess.Popen(["alsa_in", "-j", CLIENT, "-d", "benchmic", "-r", "48000",
                               "-p", "256", "-n", "3", "-c", "2"], env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    watch = Watch()
    came = watch.until(watch.present)
    cards.unplug()
    went = watch.until(lambda: not watch.present(), 5.0)
    alive_after_unplug = bridge.poll() is None
    cards.plug()
    back = watch.until(watch.present, 5.0)
    alive = bridge.poll() is None
    wired = watch.until(watch.connected, 1.0) is not None
    print("by hand (alsa_in; jack-server without --card keeps its connection):")
    print(f"  ports present after start    {'yes' if came is not None else 'no'}")
    print(f"  unplug -> ports gone         "
          f"{'%.0f ms' % (went * 1000) if went is not None else 'never: the ports stay'}"
          f"{'' if alive_after_unplug else ' (alsa_in exited)'}")
    print(f"  plug -> ports present        "
          f"{'%.0f ms' % (back * 1000) if back is not None else 'not within 5 s'}"
          f"{'' if alive else ' (alsa_in gone: restart it by hand)'}")
    print(f"  connected again              {'yes' if wired else 'no'}")
    print(f"  master's xruns              {watch.xruns}")
    bridge.send_signal(signal.SIGTERM)
    bridge.wait(10)
    watch.client.deactivate()
    watch.client.close()


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    build = os.path.abspath(sys.argv[1])
    cards = Cards(build)
    log = tempfile.NamedTemporaryFile(prefix="jack-server-bench-extra-", suffix=".log",
                                      delete=False)
    server = jack_server(build, cards, log, True)
    try:
        watch = watching(server, log)
        if watch.until(watch.connected, 20.0) is None:
            raise SystemExit(f"the extra card never came; see {log.name}")
        gone, present, wired = [], [], []
        for _ in range(RUNS):
            cards.unplug()
            gone.append(watch.until(lambda: not watch.present()))
            time.sleep(2.0)  # away for a while, as a cable pulled out
            cards.plug()
            present.append(watch.until(watch.present))
            wired.append(watch.until(watch.connected))
        print(f"jack-server --card, {RUNS} rounds:")
        figure("unplug -> ports gone", gone)
        figure("plug -> ports present", present)
        figure("plug -> connected again", [p + w if p is not None and w is not None else None
                                           for p, w in zip(present, wired)])
        print(f"  master's xruns              {watch.xruns}")
        watch.client.deactivate()
        watch.client.close()
        stop(server)
        server = jack_server(build, cards, log, False)
        watching(server, log).client.close()
        by_hand(cards)
    finally:
        stop(server)
        cards.remove()
        if os.environ.get("BENCH_KEEP_LOGS"):
            print(f"log: {log.name}")
        else:
            os.unlink(log.name)


if __name__ == "__main__":
    main()
