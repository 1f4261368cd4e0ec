# SPDX-License-Identifier: GPL-2.0-or-later
"""Editors and mypy see the API: the stubs and py.typed, checked by mypy."""
import os
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).parent / "typing"


def mypy(file: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull,
         "--no-error-summary", str(HERE / file)],
        capture_output=True, text=True, timeout=120)


def test_code_using_the_api_types_clean() -> None:
    result = mypy("uses_the_api.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_misuses_are_type_errors() -> None:
    result = mypy("misuses_the_api.py")
    lines = [line for line in result.stdout.splitlines() if ": error:" in line]
    marked = [i + 1 for i, line in enumerate((HERE / "misuses_the_api.py").read_text().splitlines())
              if line.endswith(tuple(f"# error: {w}" for w in
                                     ("positional", "no driver", "str", "str for int",
                                      "returns int", "bytes")))]
    flagged = sorted({int(line.split(":")[1]) for line in lines})
    assert flagged == marked, result.stdout
