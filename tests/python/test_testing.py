# SPDX-License-Identifier: GPL-2.0-or-later
import os

import jack
import jack_server
from clients import connect_from_child

names: list[str] = []


def test_fixture_gives_a_running_dummy_server(jack_dummy_server: jack_server.Server) -> None:
    assert jack_dummy_server._started
    assert jack_dummy_server.driver.name == "dummy"
    assert os.environ["JACK_DEFAULT_SERVER"] == jack_dummy_server.name
    names.append(jack_dummy_server.name)
    # Clients started by the test find it without being told its name.
    client = jack.Client("fixture-client", no_start_server=True)
    assert client.get_ports(is_physical=True)
    client.close()
    assert "system:capture_1" in connect_from_child()


def test_each_test_has_its_own_name(jack_dummy_server: jack_server.Server) -> None:
    names.append(jack_dummy_server.name)
    assert len(set(names)) == len(names) == 2
