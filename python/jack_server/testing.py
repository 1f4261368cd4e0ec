# SPDX-License-Identifier: GPL-2.0-or-later
"""A pytest fixture for tests that need a running JACK server.

In conftest.py::

    pytest_plugins = ["jack_server.testing"]

then a test that takes ``jack_dummy_server`` runs with a server of the dummy
driver under a name of its own, and JACK clients it starts (in this process
or in child processes) connect to it: JACK_DEFAULT_SERVER names it and
JACK_NO_START_SERVER keeps libjack from starting another one.
"""

import os
import uuid
from typing import Iterator

import pytest

from jack_server import Server


def unique_server_name() -> str:
    """A server name no other test (or test run) uses."""
    return f"pytest-{os.getpid()}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def jack_dummy_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """A started server with the dummy driver, stopped after the test."""
    name = unique_server_name()
    monkeypatch.setenv("JACK_DEFAULT_SERVER", name)
    monkeypatch.setenv("JACK_NO_START_SERVER", "1")
    with Server(name=name, driver="dummy") as server:
        yield server
