# SPDX-License-Identifier: GPL-2.0-or-later
import gc
import os
import subprocess
import sys
import threading
import time

import pytest

import jack_server
from clients import connect, connect_from_child
from conftest import unique


def test_constructor_is_keyword_only_with_driver_required() -> None:
    with pytest.raises(TypeError):
        jack_server.Server("dummy")  # type: ignore[misc]
    with pytest.raises(TypeError):
        jack_server.Server()  # type: ignore[call-arg]


def test_arguments_left_out_keep_libjackserver_defaults(server: jack_server.Server) -> None:
    for name in ("sync", "realtime", "port-max", "realtime-priority"):
        parameter = server.params[name]
        assert parameter.value == parameter.default, name
    assert server.driver.rate == server.driver.params["rate"].default


def test_arguments_given_are_set(server_name: str) -> None:
    s = jack_server.Server(name=server_name, sync=True, realtime=False, driver="dummy",
                           rate=44100, period=512)
    assert (s.name, s.sync, s.realtime) == (server_name, True, False)
    assert (s.driver.name, s.driver.rate, s.driver.period) == ("dummy", 44100, 512)


def test_unknown_driver() -> None:
    with pytest.raises(jack_server.DriverNotFoundError) as caught:
        jack_server.Server(driver="no-such-driver")
    assert str(caught.value).startswith("Driver not found: no-such-driver")
    # What exists is named, to pick from.
    assert "dummy" in str(caught.value)


def test_error_hierarchy() -> None:
    for error in (jack_server.DriverNotFoundError, jack_server.ServerNotOpenedError,
                  jack_server.ServerNotStartedError):
        assert issubclass(error, jack_server.JackServerError)
        assert error.__module__ == "jack_server"
    assert issubclass(jack_server.JackServerError, RuntimeError)


@pytest.mark.parametrize("argument", ["device", "nperiods"])
def test_driver_option_the_driver_lacks_is_key_error(argument: str) -> None:
    with pytest.raises(KeyError, match=f"driver 'dummy' has no parameter '{argument}'"):
        jack_server.Server(driver="dummy", **{argument: "x" if argument == "device" else 2})


def test_refused_value_in_constructor_is_value_error() -> None:
    with pytest.raises(ValueError, match="'realtime-priority'|'rate'"):
        jack_server.Server(driver="dummy", rate=0)


def test_start_stop_restart(server: jack_server.Server) -> None:
    assert (server._created, server._opened, server._started) == (True, False, False)
    server.stop()  # before start: nothing to do
    server.start()
    assert (server._opened, server._started) == (True, True)
    client = connect(server.name)
    assert [p.name for p in client.get_ports()][:1] == ["system:capture_1"]
    client.close()
    server.stop()
    server.stop()  # twice is safe
    assert (server._opened, server._started) == (False, False)
    server.start()  # and it starts again
    assert server._started
    assert "system:playback_1" in connect_from_child(server.name)


def test_start_is_idempotent(server: jack_server.Server) -> None:
    server.start()
    server.start()
    assert server._started


def test_start_before_open_is_refused_not_a_crash(server: jack_server.Server) -> None:
    # jack_server 0.2.0's _start() on a server never opened segfaults.
    with pytest.raises(jack_server.ServerNotOpenedError, match="not open"):
        server._start()
    server._open()
    assert (server._opened, server._started) == (True, False)
    server._start()
    assert server._started
    server._stop()
    server._close()
    assert not server._opened


def test_name_in_use_is_server_not_opened(server: jack_server.Server) -> None:
    errors: list[str] = []
    jack_server.set_error_function(errors.append)
    server.start()
    # A second process owns the name: the engine refuses it.
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import jack_server, sys\n"
         f"s = jack_server.Server(name={server.name!r}, driver='dummy')\n"
         "try:\n    s.start()\nexcept jack_server.ServerNotOpenedError as e:\n"
         "    print(type(e).__name__, e); sys.exit(3)\n"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out, _ = child.communicate(timeout=30)
    assert child.returncode == 3, out
    assert out.startswith(f"ServerNotOpenedError Server couldn't be opened: cannot open server '{server.name}'")
    assert "already active" in out


def test_context_manager_starts_and_stops(server_name: str) -> None:
    with jack_server.Server(name=server_name, driver="dummy") as s:
        assert s._started
        assert "system:capture_1" in connect_from_child(server_name)
    assert not s._opened
    with pytest.raises(ZeroDivisionError):
        with jack_server.Server(name=server_name, driver="dummy") as s:
            1 / 0
    assert not s._opened


def test_rename(server: jack_server.Server) -> None:
    renamed = unique("renamed")
    server.name = renamed
    assert server.name == renamed
    assert server.params["name"].value == renamed.encode()
    server.start()
    assert "system:capture_1" in connect_from_child(renamed)
    with pytest.raises(jack_server.JackServerError, match="while it is open"):
        server.name = "other"
    assert server.name == renamed


def test_sync_and_realtime(server: jack_server.Server) -> None:
    server.sync = True
    server.realtime = False
    assert (server.sync, server.realtime) == (True, False)
    assert server.params["sync"].value is True
    with pytest.raises(TypeError, match="'sync' takes a bool"):
        server.sync = 1  # type: ignore[assignment]


def test_params_keyed_by_libjackserver_names(server: jack_server.Server) -> None:
    assert {"name", "realtime", "realtime-priority", "temporary", "verbose", "client-timeout",
            "clock-source", "port-max", "replace-registry", "sync",
            "self-connect-mode"} <= set(server.params)
    assert all(key == p.name for key, p in server.params.items())


def test_repr(server: jack_server.Server) -> None:
    assert repr(server) == "<jack_server.Server driver=dummy started=False>"
    server.start()
    assert repr(server) == "<jack_server.Server driver=dummy started=True>"


def test_views_outlive_their_server_object(server_name: str) -> None:
    # A Driver or Parameter keeps its server alive: no dangling view.
    driver = jack_server.Server(name=server_name, driver="dummy").driver
    parameter = jack_server.Server(driver="dummy").params["sync"]
    assert driver.name == "dummy" and driver.rate > 0
    assert parameter.value is False


def test_gil_released_while_starting(server: jack_server.Server) -> None:
    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    thread = threading.Thread(target=count)
    thread.start()
    before = ticks
    server.start()
    server.stop()
    during = ticks - before
    done.set()
    thread.join()
    # Opening takes ~100 ms of libjackserver's time: a thread that could not
    # run meanwhile would count at most one tick.
    assert during > 5


def test_start_and_stop_from_two_threads(server: jack_server.Server) -> None:
    failures: list[BaseException] = []

    def churn() -> None:
        try:
            for _ in range(3):
                server.start()
                server.stop()
        except BaseException as e:  # noqa: BLE001
            failures.append(e)

    threads = [threading.Thread(target=churn) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert not server._opened


def test_dropping_a_running_server_stops_it(server_name: str) -> None:
    s = jack_server.Server(name=server_name, driver="dummy")
    s.start()
    assert [f for f in os.listdir("/dev/shm") if server_name in f]
    del s
    gc.collect()
    assert not [f for f in os.listdir("/dev/shm") if server_name in f]


def test_views_cannot_be_made_from_nothing() -> None:
    # A Driver or Parameter only comes from a Server: no dangling pointer.
    with pytest.raises(TypeError):
        jack_server.Driver()
    with pytest.raises(TypeError):
        jack_server.Parameter()


def test_other_threads_never_see_a_half_started_server(server: jack_server.Server) -> None:
    # start() runs without the GIL: threads reading and writing the server
    # meanwhile wait for it to finish, so none sees it opened but not started.
    for _ in range(3):
        seen: set[tuple[bool, bool]] = set()
        failures: list[BaseException] = []
        done = threading.Event()

        def use() -> None:
            try:
                while not done.is_set():
                    seen.add((server._opened, server._started))
                    server.driver.period = server.driver.period
                    server.params["sync"].value = server.params["sync"].value
                    assert repr(server).startswith("<jack_server.Server driver=dummy")
                    assert server.driver.params["rate"].value == server.driver.rate
            except BaseException as e:  # noqa: BLE001
                failures.append(e)

        threads = [threading.Thread(target=use) for _ in range(2)]
        for t in threads:
            t.start()
        server.start()
        done.set()
        for t in threads:
            t.join()
        assert failures == []
        assert (True, False) not in seen, seen
        assert server._started
        server.stop()


def test_stop_from_another_thread_while_starting(server: jack_server.Server) -> None:
    # JACK reports on the thread that opens the server, inside start(): the
    # output function is where start() is known to be running.
    starting = threading.Event()
    jack_server.set_info_function(lambda message: starting.set())
    stopped: list[bool] = []

    def stop_once_starting() -> None:
        starting.wait(timeout=30)
        server.stop()
        stopped.append(server._opened)

    stopper = threading.Thread(target=stop_once_starting)
    stopper.start()
    server.start()
    stopper.join()
    assert starting.is_set()
    # stop() waited for start() to finish, then stopped it.
    assert stopped == [False]
    assert (server._opened, server._started) == (False, False)
    server.start()
    assert "system:capture_1" in connect_from_child(server.name)


def test_output_function_may_read_the_server_it_reports_on(server_name: str) -> None:
    # JACK reports on the thread starting or stopping the server, which holds
    # its lock: reading the server there must not wait for itself. JACK's own
    # threads report too (verbose), while start() or stop() may be waiting for
    # them: there a read that would wait raises JackServerError instead. A
    # child process, so that a deadlock or crash fails the test, not hangs it.
    code = (
        "import threading, jack_server\n"
        f"s = jack_server.Server(name={server_name!r}, driver='dummy')\n"
        "s.params['verbose'].value = True\n"
        "starter = threading.get_ident()\n"
        "read, refused = [], []\n"
        "def info(message):\n"
        "    try:\n"
        "        read.append((threading.get_ident(), s._opened, s.driver.rate))\n"
        "    except jack_server.JackServerError as e:\n"
        "        refused.append((threading.get_ident(), str(e)))\n"
        "jack_server.set_info_function(info)\n"
        "for _ in range(2):\n"
        "    s.start()\n"
        "    s.stop()\n"
        "jack_server.set_info_function(None)\n"
        "print(any(t == starter for t, _, _ in read),\n"
        "      all(rate == s.driver.rate for _, _, rate in read),\n"
        "      all(t != starter and 'cannot wait' in e for t, e in refused))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]
