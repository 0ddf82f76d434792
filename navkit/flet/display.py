"""Saying where ``ft.run`` serves an app when there is no display to open a window on.

On Linux, Flet's ``ft.run`` looks for an X display (the ``DISPLAY`` variable,
``flet.utils.is_linux_server``); without one it opens no desktop window (nor a
browser) and serves the app with its web server instead: on every network
interface unless ``host=`` says otherwise, on port 8000 unless ``port=`` does,
and says so only in its INFO log. :func:`headless_notice` is the line navkit
prints then, worked out as Flet's ``run_async`` works out its own address.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import flet as ft
from flet.utils import get_bool_env_var, is_embedded, is_linux_server, is_pyodide

__all__ = ["announce_headless", "headless_notice"]

# Flet's port when it falls back to its web server and none is given.
FLET_FALLBACK_PORT = 8000
# The hosts that make uvicorn listen on every interface; a browser on this
# machine reaches them at 127.0.0.1 (Flet's own choice for the first three).
_EVERY_INTERFACE = (None, "", "*", "0.0.0.0", "::")


def headless_notice(flet_options: Mapping[str, Any]) -> str | None:
    """The line to print before ``ft.run(main, **flet_options)``, or None.

    A line when Flet, finding no display, will serve the app on the web in
    place of the window (or browser) it was asked for: why no window opened
    and the address that answers. None when Flet opens what it was asked for,
    when the app asked to be served (``FLET_FORCE_WEB_SERVER``) or exported
    (``export_asgi_app``), and inside Flet's own clients (Pyodide, an embedded
    app).
    """
    if flet_options.get("export_asgi_app") or is_pyodide() or is_embedded():  # type: ignore[no-untyped-call]
        return None
    if get_bool_env_var("FLET_FORCE_WEB_SERVER") or not is_linux_server():  # type: ignore[no-untyped-call]
        return None
    view = flet_options.get("view", ft.AppView.FLET_APP)
    window = "browser" if view in (ft.AppView.WEB_BROWSER, "web_browser") else "desktop window"
    why = "no display found (DISPLAY is not set)"
    if os.environ.get("WAYLAND_DISPLAY"):
        why = "DISPLAY is not set (Flet looks for an X display, not WAYLAND_DISPLAY)"
    host = os.getenv("FLET_SERVER_IP") or flet_options.get("host")
    port = int(os.getenv("FLET_SERVER_PORT") or flet_options.get("port") or FLET_FALLBACK_PORT)
    name = flet_options.get("name") or os.getenv("FLET_WEB_APP_PATH") or ""
    url_host = "127.0.0.1" if host in _EVERY_INTERFACE else host
    url = f"http://{url_host}:{port}/{name.strip('/')}"
    notice = f"navkit: {why}, so no {window}: serving the app at {url} instead"
    if host in _EVERY_INTERFACE:
        notice += " (on every network interface: host= chooses one)"
    return notice


def announce_headless(flet_options: Mapping[str, Any]) -> None:
    """Print :func:`headless_notice`'s line, if any (flushed: output is often piped)."""
    notice = headless_notice(flet_options)
    if notice is not None:
        print(notice, flush=True)
