# SPDX-License-Identifier: GPL-2.0-or-later
# The Python module against the real library: libjackserver with the dummy
# driver, and Debian's python3-jack-client as the client. Run by ctest with
# PYTHONPATH at the build's module, inside a private /dev/shm.
import os
import uuid
from typing import Iterator

import pytest

import jack_server

pytest_plugins = ["jack_server.testing"]


def unique(prefix: str) -> str:
    return f"{prefix}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


@pytest.fixture(autouse=True)
def quiet_jack() -> Iterator[None]:
    """JACK's messages go nowhere unless a test asks for them."""
    jack_server.set_info_function(None)
    jack_server.set_error_function(None)
    yield
    jack_server.set_info_function(None)
    jack_server.set_error_function(None)


@pytest.fixture
def server_name() -> str:
    return unique("py")


@pytest.fixture
def server(server_name: str) -> Iterator[jack_server.Server]:
    """A server with the dummy driver, not started; stopped after the test."""
    s = jack_server.Server(name=server_name, driver="dummy")
    yield s
    s.stop()


@pytest.fixture(autouse=True)
def no_autostart(monkeypatch: pytest.MonkeyPatch) -> None:
    # A client of a server that is not there must fail, not start jackd.
    monkeypatch.setenv("JACK_NO_START_SERVER", "1")
