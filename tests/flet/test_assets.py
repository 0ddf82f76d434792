"""The app's assets directory is served live by Flet's real web server, with navkit's index.

From the user's side: the app is started (``navkit.run``, or ``ft.run`` with
``web_assets``), served by uvicorn on 127.0.0.1, and fetched over HTTP while
files are added, replaced, rewritten and removed in its assets directory.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import flet as ft
import flet_web
import httpx
import pytest
import uvicorn

import navkit
from navkit import web_assets  # the public import path
from navkit.flet.history_script import HISTORY_SCRIPT
from navkit.flet.webclient import install_index_hook

SCRIPT = 'navkit: a "#/route" link'
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(app: Any) -> Iterator[httpx.Client]:
    """``app`` on uvicorn at 127.0.0.1 (a thread), and an HTTP client for it."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def make_router() -> navkit.Router:
    router = navkit.Router()
    router.add_route("/", lambda: [], endpoint="home")
    router.add_route("/store/:item_id", lambda item_id: [], endpoint="item")
    return router


def replace(path: Path, content: str) -> None:
    """As an editor or an upload does: a new file (new inode) renamed over the old."""
    fresh = path.with_name(path.name + ".new")
    fresh.write_text(content, encoding="utf-8")
    os.replace(fresh, path)


def check_live(client: httpx.Client, assets: Path) -> None:
    """Added, replaced, rewritten and removed files are served as they are now."""
    assert client.get("/hello.txt").text == "hello"
    (assets / "added.txt").write_text("added after start", encoding="utf-8")
    assert client.get("/added.txt").text == "added after start"
    (assets / "uploads").mkdir()
    (assets / "uploads" / "photo.png").write_bytes(b"\x89PNG new")
    response = client.get("/uploads/photo.png")
    assert response.status_code == 200 and response.content == b"\x89PNG new"
    replace(assets / "hello.txt", "replaced")
    assert client.get("/hello.txt").text == "replaced"
    (assets / "hello.txt").write_text("rewritten in place", encoding="utf-8")
    assert client.get("/hello.txt").text == "rewritten in place"
    (assets / "added.txt").unlink()
    assert client.get("/added.txt").status_code == 404


def check_index(client: httpx.Client, strategy: str = "path") -> str:
    """The page (at / and at a deep link) is Flet's, patched, with navkit's script."""
    index = client.get("/").text
    assert client.get("/store/42").text == index
    assert f'flet.routeUrlStrategy="{strategy}"' in index
    assert index.count(SCRIPT) == (1 if strategy == "path" else 0)
    return index


@pytest.fixture
def app_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project directory with ``assets/hello.txt``, as the working directory."""
    monkeypatch.delenv("FLET_ASSETS_DIR", raising=False)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "hello.txt").write_text("hello", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the ASGI export resolves assets_dir against the cwd
    return tmp_path


def test_run_serves_files_added_and_replaced_after_start(app_dir: Path) -> None:
    app = navkit.run(make_router(), export_asgi_app=True, no_cdn=True)
    with serving(app) as client:
        check_live(client, app_dir / "assets")
        check_index(client)
        replace(app_dir / "assets" / "hello.txt", "again")  # after the index was served
        assert client.get("/hello.txt").text == "again"
        check_index(client)


def test_run_serves_the_apps_own_index_with_the_script(app_dir: Path) -> None:
    own = '<html><head><base href="/"><title>mine</title><!-- fletAppConfig --></head></html>'
    (app_dir / "assets" / "index.html").write_text(own, encoding="utf-8")
    app = navkit.run(make_router(), export_asgi_app=True, no_cdn=True)
    with serving(app) as client:
        index = check_index(client)
        assert "<title>mine</title>" in index
        assert index.index("<base") < index.index(SCRIPT) < index.index("<title>")
        check_live(client, app_dir / "assets")
    assert (app_dir / "assets" / "index.html").read_text(encoding="utf-8") == own


def test_run_without_an_assets_dir_serves_flets_index_with_the_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FLET_ASSETS_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    app = navkit.run(make_router(), export_asgi_app=True, no_cdn=True)
    with serving(app) as client:
        check_index(client)
        assert client.get("/hello.txt").status_code == 404
        assert client.get("/flutter_bootstrap.js").status_code == 200  # Flet's client


def test_hash_strategy_gets_the_history_script_but_not_the_legacy_rescue(app_dir: Path) -> None:
    install_index_hook()  # as a path-strategy app in the same process would have
    app = navkit.run(make_router(), strategy="hash", export_asgi_app=True, no_cdn=True)
    with serving(app) as client:
        index = check_index(client, strategy="hash")
        check_live(client, app_dir / "assets")
    assert index.count(HISTORY_SCRIPT) == 1


def test_ft_run_with_web_assets_serves_live(app_dir: Path) -> None:
    """An app that attaches itself and calls ``ft.run`` with ``web_assets``."""
    router = make_router()
    app = ft.run(
        router.attach,
        export_asgi_app=True,
        no_cdn=True,
        assets_dir=web_assets("assets", relative_to=str(app_dir)),
        route_url_strategy=ft.RouteUrlStrategy.PATH,
    )
    with serving(app) as client:
        check_live(client, app_dir / "assets")
        index = check_index(client)
    assert index.count(HISTORY_SCRIPT) == 1  # the browser's history can be moved


def test_hook_reaches_a_static_server_imported_before_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Flet's static server binds ``patch_index_html`` at import: it is wrapped there too."""
    from flet_web.fastapi import flet_static_files

    original = getattr(flet_web.patch_index_html, "__wrapped__", flet_web.patch_index_html)
    monkeypatch.setattr(flet_web, "patch_index_html", original)
    monkeypatch.setattr(flet_static_files, "patch_index_html", original)
    assert install_index_hook() and install_index_hook()  # idempotent
    hooked = flet_static_files.patch_index_html
    assert hooked is flet_web.patch_index_html and hooked.__wrapped__ is original


def test_a_flet_without_the_hook_still_serves_the_assets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("FLET_ASSETS_DIR", raising=False)
    monkeypatch.delattr(flet_web, "patch_index_html")
    with caplog.at_level(logging.WARNING, logger="navkit.flet.webclient"):
        assert install_index_hook() is False
        assert web_assets(str(tmp_path)) == str(tmp_path.resolve())
    assert "legacy #/route links will open at /" in caplog.text


def test_python_app_py_serves_live_on_flets_own_server(tmp_path: Path) -> None:
    """``python app.py``: Flet starts its own uvicorn; assets beside the script, cwd elsewhere."""
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    (project / "assets").mkdir(parents=True)
    elsewhere.mkdir()
    (project / "assets" / "hello.txt").write_text("hello", encoding="utf-8")
    (project / "app.py").write_text(
        "import sys\nimport flet as ft\nimport navkit\n"
        "router = navkit.Router()\n"
        "router.add_route('/', lambda: [], endpoint='home')\n"
        "router.add_route('/store/:item_id', lambda item_id: [], endpoint='item')\n"
        "navkit.run(router, host='127.0.0.1', port=int(sys.argv[1]),\n"
        "           view=ft.AppView.WEB_BROWSER, no_cdn=True)\n",
        encoding="utf-8",
    )
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "FLET_ASSETS_DIR"}
    env.update(FLET_FORCE_WEB_SERVER="true", PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, str(project / "app.py"), str(port)],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            deadline = time.monotonic() + 60
            while True:
                assert process.poll() is None, process.communicate()[0].decode()
                assert time.monotonic() < deadline, "the app did not serve within 60 s"
                try:
                    client.get("/")
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            check_live(client, project / "assets")
            check_index(client)
    finally:
        process.send_signal(2)  # SIGINT, as Ctrl+C
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
