"""navkit.run on Flet's real web server code (its ASGI export), two sessions at once.

A websocket client speaks Flet's protocol (REGISTER_CLIENT, then reads the
patches) as the Flutter client would, so the server side is all Flet's own.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Literal

import flet as ft
import msgpack
import pytest

import navkit

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette warns about httpx; its client still works
    from starlette.testclient import TestClient, WebSocketTestSession

REGISTER_CLIENT = 1


def frame(action: int, body: dict[str, Any]) -> bytes:
    return b"\x00" + msgpack.packb([action, body])


def strings(value: Any) -> Iterator[str]:
    """Every string inside a decoded message."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)


def open_page(
    client: TestClient, sessions: ExitStack, route: str
) -> tuple[WebSocketTestSession, set[str]]:
    socket = sessions.enter_context(client.websocket_connect("/ws"))
    page = {"route": route, "web": True, "platform": "linux", "width": 800, "height": 600}
    socket.send_bytes(frame(REGISTER_CLIENT, {"session_id": "", "page_name": "", "page": page}))
    seen: set[str] = set()
    # The register answer, then main()'s update with the stack.
    for _ in range(2):
        data = socket.receive_bytes()
        seen.update(strings(msgpack.unpackb(data[1:], strict_map_key=False)))
    return socket, seen


def make_router() -> navkit.Router:
    router = navkit.Router()
    router.add_route("/", lambda: [], endpoint="home", title="Home")
    router.add_route("/store", lambda: [], endpoint="store", title="Store")
    router.add_route("/store/:item_id", lambda item_id: [], endpoint="item", title="Item")
    router.add_route("/login", lambda: [], endpoint="login", title="Log in", root=True)
    return router


@pytest.mark.parametrize("strategy", ["path", "hash"])
def test_run_attaches_a_navigator_to_every_new_page(strategy: str) -> None:
    pages: list[Any] = []
    app = navkit.run(
        make_router(),
        lambda page, nav: pages.append((page, nav)),
        strategy=strategy,  # type: ignore[arg-type]
        export_asgi_app=True,
        no_cdn=True,
    )
    with TestClient(app) as client, ExitStack() as sessions:
        index = client.get("/").text
        assert f'flet.routeUrlStrategy="{strategy}"' in index
        _, first_seen = open_page(client, sessions, "/store/42")
        _, second_seen = open_page(client, sessions, "/login")
        assert {"/", "/store", "/store/42", "Home", "Store", "Item"} <= first_seen
        assert "Log in" in second_seen and "/store/42" not in second_seen
    (page_a, nav_a), (page_b, nav_b) = pages
    # Under the path strategy the page carries the legacy-hash redirect.
    assert ('navkit: a "#/route" link' in index) is (strategy == "path")
    assert page_a is not page_b and nav_a is not nav_b
    assert [level.address for level in nav_a.stack] == ["/", "/store", "/store/42"]
    assert [level.address for level in nav_b.stack] == ["/login"]
    assert nav_a.strategy.kind == strategy


def test_run_serves_the_apps_assets_beside_navkits_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FLET_ASSETS_DIR", raising=False)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "hello.txt").write_text("hello", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the ASGI export resolves assets_dir against the cwd
    app = navkit.run(make_router(), export_asgi_app=True, no_cdn=True)
    with TestClient(app) as client:
        assert client.get("/hello.txt").text == "hello"
        index = client.get("/store/42").text  # a deep link gets the same page
        assert 'flet.routeUrlStrategy="path"' in index and "history.replaceState" in index


class FlavouredRouter(navkit.Router):
    """A router whose attach takes an option navkit.run's code never names."""

    def __init__(self) -> None:
        super().__init__()
        self.flavours: list[str] = []

    def attach(  # type: ignore[override]
        self, page: Any, *, strategy: Literal["path", "hash"] = "path", flavour: str = "plain"
    ) -> navkit.Navigator:
        self.flavours.append(flavour)
        return super().attach(page, strategy=strategy)


def test_run_gives_attach_its_options_and_ft_run_the_rest() -> None:
    navigators: list[navkit.Navigator] = []
    app = navkit.run(
        make_router(),
        lambda page, nav: navigators.append(nav),
        base_path="/app",  # router.attach's
        pending_delay=0.5,
        export_asgi_app=True,  # ft.run's
        no_cdn=True,
    )
    with TestClient(app) as client, ExitStack() as sessions:
        index = client.get("/").text
        _, seen = open_page(client, sessions, "/store/42")
    assert "flet.noCdn=true;" in index and "Item" in seen
    (nav,) = navigators
    assert nav.href("item", item_id=7) == "/app/store/7"


def test_an_option_attach_gains_reaches_it_through_run() -> None:
    router = FlavouredRouter()
    router.add_route("/", lambda: [], endpoint="home", title="Home")
    app = navkit.run(router, flavour="mint", export_asgi_app=True, no_cdn=True)
    with TestClient(app) as client, ExitStack() as sessions:
        _, seen = open_page(client, sessions, "/")
    assert router.flavours == ["mint"] and "Home" in seen


def test_ft_run_gets_flets_options_and_none_of_navkits(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(ft, "run", lambda main, **options: calls.append(options))
    navkit.run(
        make_router(),
        strategy="hash",
        pending_minimum=1.0,
        history_script=False,
        host="127.0.0.1",
        port=8765,
        view=ft.AppView.WEB_BROWSER,
    )
    assert calls == [
        {
            "route_url_strategy": ft.RouteUrlStrategy.HASH,
            "host": "127.0.0.1",
            "port": 8765,
            "view": ft.AppView.WEB_BROWSER,
        }
    ]


def test_an_option_nobody_takes_is_refused_by_name_before_serving(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(ft, "run", lambda main, **options: calls.append(options))
    with pytest.raises(TypeError) as refused:
        navkit.run(make_router(), pending_dealy=1, colour="red", port=8765)
    message = str(refused.value)
    assert "'colour'" in message and "'pending_dealy'" in message
    assert "did you mean 'pending_delay' for 'pending_dealy'?" in message
    with pytest.raises(TypeError, match="strategy='hash'"):
        navkit.run(make_router(), route_url_strategy=ft.RouteUrlStrategy.HASH)
    assert calls == []


@pytest.mark.parametrize(
    ("options", "why"),
    [
        ({"strategy": "Hash"}, "strategy"),
        ({"base_path": "app"}, "base_path"),
        ({"main": 1}, "main must be callable"),
    ],
)
def test_a_bad_value_is_refused_before_serving(
    monkeypatch: pytest.MonkeyPatch, options: dict[str, Any], why: str
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(ft, "run", lambda main, **given: calls.append(given))
    with pytest.raises((ValueError, TypeError), match=why):
        navkit.run(make_router(), **options)
    assert calls == []  # nothing served
