# SPDX-License-Identifier: GPL-2.0-or-later
"""Run a JACK server in this process: the API of the Python package
jack_server 0.2.0, over jack-server's C++ control library."""

from typing import Literal

from jack_server._jack_server import (
    Driver,
    DriverNotFoundError,
    JackServerError,
    Parameter,
    Server,
    ServerNotOpenedError,
    ServerNotStartedError,
    __version__,
    jack_version,
    set_error_function,
    set_info_function,
)

SampleRate = Literal[44100, 48000]

# The classes say they are jack_server's, where users import them from.
for _cls in (Driver, Parameter, Server):
    _cls.__module__ = __name__
del _cls

__all__ = [
    "Driver",
    "DriverNotFoundError",
    "JackServerError",
    "Parameter",
    "SampleRate",
    "Server",
    "ServerNotOpenedError",
    "ServerNotStartedError",
    "__version__",
    "jack_version",
    "set_error_function",
    "set_info_function",
]
