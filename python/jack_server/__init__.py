# SPDX-License-Identifier: GPL-2.0-or-later
"""Run a JACK server in this process: the API of the Python package
jack_server 0.2.0, over jack-server's C++ control library."""

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

# SampleRate is typing.Literal[44100, 48000]. Importing typing takes longer
# than the rest of the package (~17 ms of ~26 ms here): it is imported when
# SampleRate is first used, not when jack_server is. Type checkers read the
# definition below (they take any TYPE_CHECKING as true).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    SampleRate = Literal[44100, 48000]


def __getattr__(name: str) -> object:
    if name == "SampleRate":
        from typing import Literal

        globals()["SampleRate"] = Literal[44100, 48000]
        return globals()["SampleRate"]
    raise AttributeError(f"module 'jack_server' has no attribute {name!r}")


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
