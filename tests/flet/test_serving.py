"""The history script reaches the page however the app is served.

Each case runs in a fresh Python process, as an app starts: the process
imports what the app imports, serves its page with Flet's real web server
(uvicorn, on 127.0.0.1), and fetches the page a browser would get.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SERVE = """
import socket, threading, time
import httpx, uvicorn

def fetch(app, path="/"):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        return httpx.get(f"http://127.0.0.1:{port}{path}", timeout=10).text
    finally:
        server.should_exit = True
        thread.join(timeout=10)
"""


def run_app(body: str) -> str:
    """Run ``body`` (after the fetch helper) in a new process; what it printed."""
    code = SERVE + textwrap.dedent(body)
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_an_apps_own_ft_run_that_attaches_in_main_serves_the_script() -> None:
    """The README's "existing app": ``ft.run(main)``, ``router.attach(page)`` inside ``main``."""
    printed = run_app(
        """
        import flet as ft
        import navkit
        from navkit.flet.webclient import history_script_served

        router = navkit.Router()
        router.add_route("/", lambda: [ft.Text("home")], endpoint="home")

        def main(page):
            router.attach(page)

        app = ft.run(main, export_asgi_app=True, no_cdn=True)
        index = fetch(app, "/store/42")
        print("script" if "navkit: the browser's history follows" in index else "none")
        print("served" if history_script_served() else "not served")
        """
    )
    assert printed.split() == ["script", "served"]


def test_the_hash_strategy_serves_the_script_too() -> None:
    printed = run_app(
        """
        import flet as ft
        import navkit

        app = ft.run(lambda page: None, export_asgi_app=True, no_cdn=True,
                     route_url_strategy=ft.RouteUrlStrategy.HASH)
        index = fetch(app)
        print(index.count("navkit: the browser's history follows"), index.count('"#/route" link'))
        """
    )
    assert printed.split() == ["1", "0"]  # no path-strategy rescue under hash


def test_flet_web_imported_after_navkit_still_gets_the_hook() -> None:
    """As at a first launch: Flet installs flet-web after navkit was imported, then imports it."""
    printed = run_app(
        """
        import sys
        sys.modules["flet_web"] = None  # not installed yet: importing it fails
        import navkit
        from navkit.flet.webclient import missing_script_advice
        print("advice:", "pip install" in missing_script_advice())
        del sys.modules["flet_web"]  # now it is
        import flet_web
        print("hooked:", getattr(flet_web.patch_index_html, "__navkit__", False))
        """
    )
    assert printed.split() == ["advice:", "True", "hooked:", "True"]


def test_a_worker_whose_first_request_is_a_websocket_counts_as_serving_the_script() -> None:
    """After a failover the tab's first request to a fresh worker is its websocket."""
    printed = run_app(
        """
        import navkit
        from navkit.flet.webclient import history_script_served
        print(history_script_served())  # Flet has prepared no index yet: it will, with the script
        """
    )
    assert printed.split() == ["True"]


def test_flets_server_loaded_before_navkit_does_not_count_and_says_what_to_change() -> None:
    printed = run_app(
        """
        import flet_web.fastapi.flet_static_files  # the app's server, loaded first
        import navkit
        from navkit.flet.webclient import history_script_served, missing_script_advice
        print(history_script_served())
        print("import navkit at the top" in missing_script_advice())
        """
    )
    assert printed.split() == ["False", "True"]
