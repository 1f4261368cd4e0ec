# SPDX-License-Identifier: GPL-2.0-or-later
# Checked by mypy --strict (test_typing.py): code using the whole API types clean.
import jack_server
from jack_server._parameter import ValueType
from jack_server.testing import jack_dummy_server, unique_server_name


def run() -> None:
    server = jack_server.Server(name=unique_server_name(), sync=False, realtime=False,
                                driver="dummy", rate=48000, period=256)
    rate: jack_server.SampleRate = 44100
    server.driver.rate = rate
    value: ValueType = server.params["sync"].value
    server.params["self-connect-mode"].value = b"E"
    kind: int = server.driver.params["rate"].type
    alsa: jack_server.Driver = server._get_driver_by_name("alsa")
    with server as running:
        name: str = running.name
        started: bool = running._started
    jack_server.set_info_function(print)
    jack_server.set_error_function(None)
    try:
        server.start()
    except jack_server.ServerNotOpenedError as e:
        error: RuntimeError = e
    finally:
        server.stop()
    print(value, kind, alsa, name, started, jack_dummy_server)
