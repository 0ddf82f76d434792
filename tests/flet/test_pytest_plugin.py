"""navkit's pytest plugin loads in every pytest run wherever navkit is installed: it costs nothing.

It imports neither Flet nor navkit until a test asks for ``navkit_client``.
Checked in fresh interpreters (this one has long imported both).
"""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import navkit_pytest

HEAVY = ("flet", "flet_web", "navkit", "msgpack")


def fresh_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_importing_the_plugin_imports_neither_flet_nor_navkit(tmp_path: Path) -> None:
    loaded = fresh_python(
        "import sys, navkit_pytest\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))",
        tmp_path,  # away from the checkout: the installed package
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "[]"


def test_pytest_loads_navkits_plugin_from_its_entry_point(
    request: pytest.FixtureRequest,
) -> None:
    (entry,) = [e for e in entry_points(group="pytest11") if e.name == "navkit"]
    assert entry.value == "navkit_pytest"
    assert request.config.pluginmanager.get_plugin("navkit") is navkit_pytest


def test_a_run_loads_flet_only_for_the_tests_that_drive_a_page(tmp_path: Path) -> None:
    (tmp_path / "test_app.py").write_text(
        "import sys\n\n"
        "def test_a_plain_test():\n"
        "    assert not [m for m in sys.modules if m.split('.')[0] in ('flet', 'navkit')]\n\n"
        "def test_a_page(navkit_client):\n"
        "    import flet as ft\n"
        "    client = navkit_client(main=lambda page: page.add(ft.Text('hi')))\n"
        "    assert client.page.controls[0].value == 'hi'\n",
        encoding="utf-8",
    )
    # Flet's own plugin (flet.pytest_plugin) imports the flet package: left out here.
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:flet"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout
