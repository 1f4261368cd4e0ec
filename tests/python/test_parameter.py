# SPDX-License-Identifier: GPL-2.0-or-later
import pytest

import jack_server
from jack_server._parameter import Parameter, ValueType


def test_value_type_alias() -> None:
    assert set(ValueType.__args__) == {int, str, bytes, bool}  # type: ignore[attr-defined]
    assert Parameter is jack_server.Parameter


def test_types_and_values(server: jack_server.Server) -> None:
    params = server.params
    assert (params["realtime-priority"].type, type(params["realtime-priority"].value)) == (1, int)
    assert (params["port-max"].type, type(params["port-max"].value)) == (2, int)
    assert params["self-connect-mode"].type == 3
    assert params["self-connect-mode"].value == b" "
    assert (params["name"].type, params["name"].value) == (4, server.name.encode())
    assert (params["sync"].type, params["sync"].value) == (5, False)


def test_each_type_is_settable(server: jack_server.Server) -> None:
    params = server.params
    params["realtime-priority"].value = 20
    params["port-max"].value = 512
    params["self-connect-mode"].value = b"E"  # 0.2.0 cannot set a char
    params["temporary"].value = True
    assert params["realtime-priority"].value == 20
    assert params["port-max"].value == 512
    assert params["self-connect-mode"].value == b"E"
    assert params["temporary"].value is True
    params["self-connect-mode"].value = "a"
    assert params["self-connect-mode"].value == b"a"
    params["name"].value = b"bytes-name"
    assert server.name == "bytes-name"
    params["name"].value = "str-name"
    assert server.name == "str-name"


def test_refused_values(server: jack_server.Server) -> None:
    params = server.params
    with pytest.raises(ValueError, match="invalid value '100' for 'realtime-priority': "
                                         "expected a whole number from 1 to 99"):
        params["realtime-priority"].value = 100
    with pytest.raises(ValueError, match="'self-connect-mode': expected one of"):
        params["self-connect-mode"].value = b"Z"
    with pytest.raises(ValueError, match="'name'"):
        params["name"].value = "x" * 200
    with pytest.raises(ValueError, match="NUL"):
        params["name"].value = b"a\0b"
    with pytest.raises(TypeError, match="'sync' takes a bool, not int"):
        params["sync"].value = 1
    with pytest.raises(TypeError, match="'port-max' takes an int, not bool"):
        params["port-max"].value = True
    with pytest.raises(TypeError, match="'name' takes a str or bytes, not int"):
        params["name"].value = 3
    assert params["realtime-priority"].value == 10
    assert params["self-connect-mode"].value == b" "


def test_name_and_type_are_read_only(server: jack_server.Server) -> None:
    p = server.params["sync"]
    with pytest.raises(AttributeError):
        p.name = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        p.type = 1  # type: ignore[misc]


def test_repr(server: jack_server.Server) -> None:
    assert repr(server.params["sync"]) == "<jack_server.Parameter name='sync' value=False>"
    server.sync = True
    assert repr(server.params["sync"]) == "<jack_server.Parameter name='sync' value=True>"
    assert repr(server.driver.params["rate"]).startswith("<jack_server.Parameter name='rate' value=")
