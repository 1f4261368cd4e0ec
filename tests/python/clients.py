# SPDX-License-Identifier: GPL-2.0-or-later
"""Real JACK clients for the tests: Debian's python3-jack-client."""
import os
import subprocess
import sys
import uuid

import jack


def connect(server_name: str) -> jack.Client:
    """A client of server_name in this process (libjack beside libjackserver)."""
    return jack.Client(f"pyc-{os.getpid()}-{uuid.uuid4().hex[:6]}", servername=server_name,
                       no_start_server=True)


CHILD = """
import jack, os, sys
client = jack.Client("pyc-child-%d" % os.getpid(), no_start_server=True)
print(client.samplerate, client.blocksize, " ".join(p.name for p in client.get_ports()))
client.close()
"""


def connect_from_child(env_server: "str | None" = None) -> str:
    """Runs a client in a child process; JACK_DEFAULT_SERVER names its server
    (env_server, or what this process has). Returns what it printed."""
    env = dict(os.environ)
    if env_server is not None:
        env["JACK_DEFAULT_SERVER"] = env_server
    result = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
