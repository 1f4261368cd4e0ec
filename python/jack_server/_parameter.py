# SPDX-License-Identifier: GPL-2.0-or-later
"""Where jack_server 0.2.0 keeps Parameter and the type of its values, for
code that imports them from here."""

from typing import Union

from jack_server._jack_server import Parameter

ValueType = Union[int, str, bytes, bool]

__all__ = ["Parameter", "ValueType"]
