"""Without a display, ``navkit.run`` and ``--desktop`` say where the app is served and why.

Flet on a Linux machine without ``DISPLAY`` opens no window and serves the app
on the web; these tests unset the display variables as such a machine has them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import flet as ft
import httpx
import pytest

from navkit.flet.display import headless_notice

ROOT = Path(__file__).resolve().parents[2]
# What decides where Flet serves, besides ft.run's arguments.
FLET_VARIABLES = (
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "FLET_FORCE_WEB_SERVER",
    "FLET_SERVER_IP",
    "FLET_SERVER_PORT",
    "FLET_WEB_APP_PATH",
    "FLET_PLATFORM",
)
QUICKSTART = """
import flet as ft
import navkit

router = navkit.Router()

@router.route("/", title="Home")
def home():
    return [ft.Text("home")]
"""


@pytest.fixture
def headless(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in FLET_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def headless_env(**extra: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in FLET_VARIABLES}
    return {**env, **extra}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_the_quickstarts_run_says_where_it_serves_and_why_no_window_opened() -> None:
    """``navkit.run(router)`` as the README's Quickstart ends (ft.run replaced: it would serve)."""
    code = QUICKSTART + textwrap.dedent(
        """
        ft.run = lambda main, **options: print("ft.run", sorted(options))
        navkit.run(router)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=ROOT,
        env=headless_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "navkit: no display found (DISPLAY is not set), so no desktop window: serving the app "
        "at http://127.0.0.1:8000/ instead (on every network interface: host= chooses one)",
        "ft.run ['route_url_strategy']",
    ]


def test_the_address_printed_is_where_flet_answers() -> None:
    """Flet's real server, at the port its FLET_SERVER_PORT variable gives."""
    port = free_port()
    code = QUICKSTART + "navkit.run(router)\n"
    app = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=headless_env(FLET_SERVER_PORT=str(port)),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert app.stdout is not None
        line = app.stdout.readline()
        assert " serving the app at " in line, line
        url = line.split(" serving the app at ")[1].split()[0]
        status = 0
        for _ in range(600):  # the server starts just after the line
            if app.poll() is not None:
                break
            try:
                status = httpx.get(url, timeout=5).status_code
                break
            except httpx.TransportError:
                time.sleep(0.05)
    finally:
        app.terminate()
        app.wait(timeout=30)
    assert url == f"http://127.0.0.1:{port}/"
    assert status == 200


def test_a_host_given_is_the_address_and_no_interface_warning(headless: pytest.MonkeyPatch) -> None:
    notice = headless_notice({"host": "127.0.0.1", "port": 8550})
    assert notice == (
        "navkit: no display found (DISPLAY is not set), so no desktop window: "
        "serving the app at http://127.0.0.1:8550/ instead"
    )


def test_a_browser_asked_for_is_named_and_wayland_alone_is_explained(
    headless: pytest.MonkeyPatch,
) -> None:
    headless.setenv("WAYLAND_DISPLAY", "wayland-0")
    notice = headless_notice({"view": ft.AppView.WEB_BROWSER, "name": "shop"})
    assert notice == (
        "navkit: DISPLAY is not set (Flet looks for an X display, not WAYLAND_DISPLAY), "
        "so no browser: serving the app at http://127.0.0.1:8000/shop instead "
        "(on every network interface: host= chooses one)"
    )


def test_flets_variables_give_the_address(headless: pytest.MonkeyPatch) -> None:
    headless.setenv("FLET_SERVER_IP", "10.0.0.5")
    headless.setenv("FLET_SERVER_PORT", "9001")
    notice = headless_notice({"host": "127.0.0.1", "port": 8550})
    assert notice is not None and "at http://10.0.0.5:9001/ instead" in notice


def test_nothing_is_said_when_flet_opens_what_was_asked_or_serving_was_asked_for(
    headless: pytest.MonkeyPatch,
) -> None:
    assert headless_notice({"export_asgi_app": True}) is None
    headless.setenv("FLET_FORCE_WEB_SERVER", "true")  # the app asked to be served
    assert headless_notice({}) is None
    headless.delenv("FLET_FORCE_WEB_SERVER")
    headless.setenv("DISPLAY", ":0")  # a window opens
    assert headless_notice({}) is None
