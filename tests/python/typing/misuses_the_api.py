# SPDX-License-Identifier: GPL-2.0-or-later
# Checked by mypy --strict (test_typing.py): each line marked is an error.
import jack_server

jack_server.Server("dummy")  # error: positional
jack_server.Server(name="x")  # error: no driver
count: int = jack_server.Server(driver="dummy").name  # error: str
jack_server.Server(driver="dummy").driver.rate = "48000"  # error: str for int
jack_server.set_info_function(len)  # error: returns int
jack_server.Server(driver="dummy")._get_driver_by_name(b"alsa")  # error: bytes
