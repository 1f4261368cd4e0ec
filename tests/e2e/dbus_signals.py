#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Drives org.jackaudio.service through a JACK client's life and prints every
signal the service sends, with what JackPatchbay's methods answer: the same
scenario against jackdbus and jack-server --dbus must print the same.

Usage: dbus_signals.py SERVER_NAME (DBUS_SESSION_BUS_ADDRESS names the bus).
Waits on conditions (a signal seen), each with a deadline; exits 1 when one
does not come."""

import os
import sys

import dbus
import dbus.mainloop.glib
import jack
from gi.repository import GLib

SERVICE = "org.jackaudio.service"
OBJECT = "/org/jackaudio/Controller"
DEADLINE_MS = 20000


def main():
    server_name = sys.argv[1]
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    controller = bus.get_object(SERVICE, OBJECT)
    control = dbus.Interface(controller, "org.jackaudio.JackControl")
    configure = dbus.Interface(controller, "org.jackaudio.Configure")
    patchbay = dbus.Interface(controller, "org.jackaudio.JackPatchbay")

    # Each interface's signals in order. Across interfaces jackdbus does not
    # keep one: it announces the first graph from JACK's thread, racing
    # ServerStarted.
    signals = {"org.jackaudio.JackControl": [], "org.jackaudio.JackPatchbay": []}

    def record(*args, **keywords):
        interface = keywords["interface"]
        signals.setdefault(interface, []).append(
            (keywords["member"],) + tuple(plain(arg) for arg in args))

    bus.add_signal_receiver(record, bus_name=SERVICE, path=OBJECT, interface_keyword="interface",
                            member_keyword="member")
    answers = []

    def seen(member, *match):
        return any(s[0] == member and all(m in s for m in match)
                   for s in signals["org.jackaudio.JackPatchbay"] + signals["org.jackaudio.JackControl"])

    def wait_for(what, condition):
        context = GLib.MainContext.default()
        expired = []
        timer = GLib.timeout_add(DEADLINE_MS, lambda: expired.append(True))
        while not condition() and not expired:
            context.iteration(True)
        GLib.source_remove(timer) if not expired else None
        if not condition():
            print("never came: " + what, file=sys.stderr)
            sys.exit(1)

    configure.SetParameterValue(["engine", "driver"], dbus.String("dummy"))
    configure.SetParameterValue(["engine", "name"], dbus.String(server_name))
    configure.SetParameterValue(["engine", "realtime"], dbus.Boolean(False))
    control.StartServer()
    wait_for("ServerStarted", lambda: seen("ServerStarted"))
    wait_for("the system ports", lambda: seen("PortAppeared", "playback_2"))

    client = jack.Client("sigtest", servername=server_name, no_start_server=True)
    out = client.outports.register("out")
    client.inports.register("in")
    client.activate()
    wait_for("sigtest:in", lambda: seen("PortAppeared", "in"))
    client.connect("sigtest:out", "system:playback_1")
    wait_for("the client's connection", lambda: seen("PortsConnected", "out"))
    patchbay.ConnectPortsByName("system", "capture_1", "sigtest", "in")
    wait_for("the patchbay's connection", lambda: seen("PortsConnected", "capture_1"))

    version, clients, connections = patchbay.GetGraph(dbus.UInt64(0))
    answers.append(("GetGraph", plain(version), plain(clients), plain(connections)))
    answers.append(("GetGraph(current)",) + tuple(plain(a) for a in patchbay.GetGraph(version)))
    answers.append(("GetAllPorts", plain(patchbay.GetAllPorts())))
    sigtest_id = [c[0] for c in clients if c[1] == "sigtest"][0]
    answers.append(("GetClientPID is ours", patchbay.GetClientPID(sigtest_id) == os.getpid()))

    out.shortname = "renamed"
    wait_for("the rename", lambda: seen("PortRenamed"))
    first = [c for c in connections if "out" in c][0]
    patchbay.DisconnectPortsByConnectionID(first[8])
    wait_for("the patchbay's disconnection", lambda: seen("PortsDisconnected", "renamed"))
    patchbay.DisconnectPortsByName("system", "capture_1", "sigtest", "in")
    wait_for("the second disconnection", lambda: seen("PortsDisconnected", "capture_1"))
    try:
        patchbay.ConnectPortsByName("nosuch", "port", "sigtest", "in")
    except dbus.DBusException as e:
        answers.append(("ConnectPortsByName nosuch", e.get_dbus_name(), e.get_dbus_message()))
    client.deactivate()
    client.close()
    wait_for("sigtest's end", lambda: seen("ClientDisappeared", "sigtest"))

    control.StopServer()
    wait_for("ServerStopped", lambda: seen("ServerStopped"))
    try:
        patchbay.GetAllPorts()
    except dbus.DBusException as e:
        answers.append(("GetAllPorts stopped", e.get_dbus_name(), e.get_dbus_message()))

    for interface in sorted(signals):
        print(interface)
        for signal in signals[interface]:
            print("  " + repr(signal))
    for answer in answers:
        print(repr(answer))


def plain(value):
    """A D-Bus value as plain Python, so that repr shows what was sent."""
    if isinstance(value, (dbus.Array, list)):
        return [plain(v) for v in value]
    if isinstance(value, (dbus.Struct, tuple)):
        return tuple(plain(v) for v in value)
    if isinstance(value, dbus.Boolean):
        return bool(value)
    if isinstance(value, (dbus.String, dbus.ObjectPath)):
        return str(value)
    if isinstance(value, (dbus.Int16, dbus.Int32, dbus.Int64, dbus.UInt16, dbus.UInt32,
                          dbus.UInt64, dbus.Byte)):
        return int(value)
    return value


if __name__ == "__main__":
    main()
