# SPDX-License-Identifier: GPL-2.0-or-later
import pytest

import jack_server
from clients import connect


def test_name_is_read_only(server: jack_server.Server) -> None:
    assert server.driver.name == "dummy"
    with pytest.raises(AttributeError):
        server.driver.name = "alsa"  # type: ignore[misc]


@pytest.mark.parametrize("rate", [44100, 48000, 41000, 96000])
def test_any_rate_the_driver_accepts_round_trips(server: jack_server.Server, rate: int) -> None:
    server.driver.rate = rate
    assert server.driver.rate == rate
    assert server.driver.params["rate"].value == rate
    server.start()
    client = connect(server.name)
    assert client.samplerate == rate
    client.close()


def test_period(server: jack_server.Server) -> None:
    server.driver.period = 256
    assert server.driver.period == 256
    server.start()
    client = connect(server.name)
    assert client.blocksize == 256
    client.close()


def test_refused_value_names_the_parameter_and_what_is_allowed(server: jack_server.Server) -> None:
    before = server.driver.rate
    with pytest.raises(ValueError, match="invalid value '0' for 'rate': expected a whole number"):
        server.driver.rate = 0
    with pytest.raises(ValueError, match="'rate'"):
        server.driver.rate = -1
    with pytest.raises(ValueError, match="invalid value '1099511627776' for 'rate'"):
        server.driver.rate = 2**40
    with pytest.raises(TypeError, match="'rate' takes an int, not str"):
        server.driver.rate = "48000"  # type: ignore[assignment]
    assert server.driver.rate == before


def test_parameters_the_driver_lacks_are_key_errors(server: jack_server.Server) -> None:
    with pytest.raises(KeyError):
        server.driver.device
    with pytest.raises(KeyError):
        server.driver.device = "hw:0"
    with pytest.raises(KeyError):
        server.driver.nperiods
    with pytest.raises(KeyError):
        server.driver.nperiods = 3


def test_device_and_nperiods_on_a_driver_that_has_them() -> None:
    s = jack_server.Server(driver="alsa", device="hw:7", nperiods=3)
    assert (s.driver.device, s.driver.nperiods) == ("hw:7", 3)
    s.driver.device = "null"
    assert s.driver.device == "null"
    assert s.driver.params["device"].value == b"null"


def test_params(server: jack_server.Server) -> None:
    params = server.driver.params
    assert {"rate", "period", "capture", "playback", "wait"} <= set(params)
    assert all(isinstance(p, jack_server.Parameter) for p in params.values())


def test_repr(server: jack_server.Server) -> None:
    assert repr(server.driver) == "<jack_server.Driver name=dummy>"


def test_get_driver_by_name_is_the_servers_own_driver(server: jack_server.Server) -> None:
    # jack_server 0.2.0's private helper, which its users call.
    driver = server._get_driver_by_name("dummy")
    assert isinstance(driver, jack_server.Driver)
    driver.rate = 44100
    assert server.driver.rate == 44100


def test_get_driver_by_name_finds_any_installed_driver(server: jack_server.Server) -> None:
    # As 0.2.0, whose server loads every plugin: other master drivers and
    # slave drivers too, each with its own parameters.
    alsa = server._get_driver_by_name("alsa")
    assert (alsa.name, "device" in alsa.params) == ("alsa", True)
    assert server._get_driver_by_name("loopback").name == "loopback"
    assert server.driver.name == "dummy"


def test_get_driver_by_name_of_no_driver(server: jack_server.Server) -> None:
    with pytest.raises(jack_server.DriverNotFoundError) as caught:
        server._get_driver_by_name("no-such-driver")
    assert str(caught.value).startswith("Driver not found: no-such-driver (libjackserver has ")
    assert "alsa" in str(caught.value)
