# SPDX-License-Identifier: GPL-2.0-or-later
"""The package as editors and mypy see it: the stubs name exactly what the
compiled module has."""
import ast
import pathlib
import typing

import jack_server
import jack_server._jack_server as compiled

STUB = pathlib.Path(compiled.__file__).with_name("_jack_server.pyi")


def stub_tree() -> ast.Module:
    return ast.parse(STUB.read_text())


def test_py_typed_and_stub_beside_the_module() -> None:
    assert STUB.exists()
    assert STUB.with_name("py.typed").exists()


def test_stub_names_what_the_module_has() -> None:
    tree = stub_tree()
    public = {n for n in dir(compiled) if not n.startswith("__")} | {"__version__"}
    stubbed: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            stubbed.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            stubbed.add(node.target.id)
    assert stubbed == public


def test_stub_classes_have_the_module_members() -> None:
    for node in stub_tree().body:
        if not isinstance(node, ast.ClassDef) or node.name.endswith("Error"):
            continue
        cls = getattr(compiled, node.name)
        # Every pybind11 class has an __init__ (Driver's and Parameter's refuse).
        members = {f.name for f in node.body if isinstance(f, ast.FunctionDef)} - {"__init__"}
        actual = {n for n in vars(cls) if not n.startswith("__")} | (
            {"__enter__", "__exit__"} & set(vars(cls)))
        assert members == actual, node.name


def test_sample_rate() -> None:
    assert typing.get_args(jack_server.SampleRate) == (44100, 48000)


def test_public_names() -> None:
    for name in ("Server", "Driver", "Parameter", "SampleRate", "JackServerError",
                 "DriverNotFoundError", "ServerNotOpenedError", "ServerNotStartedError",
                 "set_info_function", "set_error_function"):
        assert hasattr(jack_server, name), name
    assert jack_server.Server.__module__ == "jack_server"
