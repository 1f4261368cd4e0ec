# SPDX-License-Identifier: GPL-2.0-or-later
import os
import subprocess
import sys
import threading

import pytest

import jack_server
from conftest import unique


def test_info_function_gets_each_message_as_str(server: jack_server.Server) -> None:
    messages: list[str] = []
    threads: set[int] = set()

    def info(message: str) -> None:
        threads.add(threading.get_ident())
        messages.append(message)

    jack_server.set_info_function(info)
    server.start()
    assert messages and all(isinstance(m, str) for m in messages)
    assert any("JACK server starting" in m for m in messages), messages
    assert not any(m.endswith("\n") for m in messages)


def test_error_function_gets_errors(server_name: str) -> None:
    errors: list[str] = []
    jack_server.set_error_function(errors.append)
    with jack_server.Server(name=server_name, driver="dummy"):
        rival = subprocess.run(
            [sys.executable, "-c",
             "import jack_server\n"
             "jack_server.set_error_function(lambda m: print('ERR', m))\n"
             f"s = jack_server.Server(name={server_name!r}, driver='dummy')\n"
             "try:\n    s.start()\nexcept jack_server.ServerNotOpenedError:\n    pass\n"],
            capture_output=True, text=True, timeout=30)
    assert f"ERR `{server_name}' server already active" in rival.stdout.splitlines(), rival


def test_none_silences(capfd: pytest.CaptureFixture[str], server: jack_server.Server) -> None:
    jack_server.set_info_function(None)
    server.start()
    server.stop()
    assert "JACK server starting" not in capfd.readouterr().err


def test_default_is_stderr() -> None:
    # Until set_*_function is called, JACK's messages go to stderr.
    result = subprocess.run(
        [sys.executable, "-c",
         "import jack_server\n"
         f"with jack_server.Server(name={unique('stderr')!r}, driver='dummy'): pass\n"],
        capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "JACK server starting" in result.stderr


def test_replacing_the_function(server: jack_server.Server) -> None:
    first: list[str] = []
    second: list[str] = []
    jack_server.set_info_function(first.append)
    jack_server.set_info_function(second.append)
    server.start()
    assert first == [] and second


def test_not_callable_is_type_error() -> None:
    with pytest.raises(TypeError, match="expected a callable"):
        jack_server.set_info_function("print")  # type: ignore[arg-type]


def test_callback_that_raises_goes_to_unraisablehook(server: jack_server.Server) -> None:
    seen: list[BaseException] = []

    def hook(unraisable: "sys.UnraisableHookArgs") -> None:
        seen.append(unraisable.exc_value)  # type: ignore[arg-type]

    def info(message: str) -> None:
        raise LookupError(message)

    old_hook = sys.unraisablehook
    sys.unraisablehook = hook
    try:
        jack_server.set_info_function(info)
        server.start()
    finally:
        sys.unraisablehook = old_hook
    assert server._started
    assert seen and all(isinstance(e, LookupError) for e in seen)


def test_callback_may_replace_itself(server: jack_server.Server) -> None:
    calls: list[str] = []

    def once(message: str) -> None:
        calls.append(message)
        jack_server.set_info_function(None)

    jack_server.set_info_function(once)
    server.start()
    assert len(calls) == 1


SHUTDOWN = """
import sys, jack_server, jack
def info(message):
    print("INFO", message, flush=True)
jack_server.set_info_function(info)
jack_server.set_error_function(info)
server = jack_server.Server(name=sys.argv[1], driver="dummy")
server.start()
# A client left open and a server left running at exit: stopping them at
# exit makes JACK's threads print while Python finalises.
client = jack.Client(sys.argv[1] + "-c", servername=sys.argv[1], no_start_server=True)
client.activate()
print("exiting", flush=True)
"""


@pytest.mark.parametrize("round", range(3))
def test_interpreter_exit_with_server_running(round: int) -> None:
    name = unique("exit")
    result = subprocess.run([sys.executable, "-c", SHUTDOWN, name], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert "exiting" in result.stdout
    # The server stopped: its files are gone from /dev/shm.
    assert not [f for f in os.listdir("/dev/shm") if name in f]
