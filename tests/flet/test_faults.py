"""Faults: the page stays usable and consistent whatever fails.

A view that raises, a guard that raises or never answers, an async view
cancelled halfway, a client that loses its connection mid-navigation and
comes back to its session. After each: the views are the stack of the
route, Python and the client agree on the route, the history mirrors the
browser, and the next navigation (and Back) works.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import flet as ft
import pytest

import navkit
from navkit.navigation.history import HistoryState
from navkit.navigation.stack import build_stack
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


class FaultyApp:
    """Home, a list and an item, and pages that fail in every way."""

    def __init__(self, *, guard_timeout: float = 0.05) -> None:
        self.started: list[str] = []
        self.cleaned_up: list[str] = []
        self.connects = 0
        router = self.router = navkit.Router(guard_timeout=guard_timeout)

        @router.route("/", title="Home")
        def home() -> ft.Control:
            return ft.Text("home")

        @router.route("/items", title="Items")
        def items() -> ft.Control:
            return ft.Text("items")

        @router.route("/items/:item_id", title="Item")
        def item(item_id: int) -> ft.Control:
            return ft.Text(f"item {item_id}")

        @router.route("/view-raises")
        def view_raises() -> ft.Control:
            raise RuntimeError("the view failed")

        @router.route("/async-view-raises")
        async def async_view_raises() -> ft.Control:
            await asyncio.sleep(0)
            raise RuntimeError("the async view failed")

        @router.route("/guard-raises", guards=[_raises])
        def guard_raises() -> ft.Control:
            return ft.Text("never shown")

        @router.route("/guard-hangs", guards=[_hangs])
        def guard_hangs() -> ft.Control:
            return ft.Text("never shown")

        @router.route("/slow", title="Slow")
        async def slow() -> ft.Control:
            self.started.append("/slow")
            try:
                await asyncio.sleep(3600)  # cancelled by the next navigation
            finally:
                self.cleaned_up.append("/slow")
            return ft.Text("slow")

        self.gate = asyncio.Event()

        @router.route("/gate", title="Gate")
        async def gate() -> ft.Control:
            self.started.append("/gate")
            await self.gate.wait()
            return ft.Text("through")

        @router.route("/loads", title="Loaded")
        async def loads() -> ft.Control:
            self.started.append("/loads")
            await asyncio.sleep(0.05)
            return ft.Text("loaded")

    def main(self, page: ft.Page) -> None:
        def connected(_event: object) -> None:
            self.connects += 1

        page.on_connect = connected  # the app's own handler, still called


def _raises(navigation: navkit.Navigation) -> None:
    raise RuntimeError("the guard failed")


async def _hangs(navigation: navkit.Navigation) -> None:
    await asyncio.sleep(3600)  # an auth server that never answers


def assert_consistent(client: FletTestClient) -> None:
    """What must hold after any fault."""
    routes = client.view_routes
    assert routes and len(routes) == len(set(routes)), routes
    assert client.page.route == routes[-1] == client.navigator.address
    assert client.client_route == client.page.route  # the address bar agrees
    stack = [level.address for level in build_stack(client.navigator.router.table, routes[-1])]
    assert routes[:-1] == stack[: len(routes) - 1]  # an error keeps the levels beneath
    assert client.navigator.history == HistoryState(tuple(client.entries), client.index)
    assert not client.page.overlay, "a pending indicator was left behind"


def assert_usable(client: FletTestClient) -> None:
    """The next navigation lands, and Back returns."""
    before = client.page.route
    client.go("/items/7")
    assert client.view_routes == ["/", "/items", "/items/7"] and client.titles[-1] == "Item"
    client.browser_back()
    assert client.page.route == before
    assert_consistent(client)


@pytest.mark.parametrize(
    ("address", "title", "logged"),
    [
        ("/view-raises", "Something went wrong", "the view failed"),
        ("/async-view-raises", "Something went wrong", "the async view failed"),
        ("/guard-raises", "Something went wrong", "the guard failed"),
        ("/guard-hangs", "Something went wrong", "took over 0.05 s"),
    ],
)
def test_a_failure_shows_an_error_and_the_page_goes_on(
    navkit_client: Client, caplog: pytest.LogCaptureFixture, address: str, title: str, logged: str
) -> None:
    app = FaultyApp()
    client = navkit_client(app.router, route="/items")
    with caplog.at_level(logging.ERROR, logger="navkit"):
        client.go(address)
    assert client.page.route == address and client.titles[-1] == title
    assert logged in caplog.text
    assert_consistent(client)
    assert_usable(client)


def test_a_guard_that_never_answers_is_cancelled(navkit_client: Client) -> None:
    cancelled: list[bool] = []

    async def waits_forever(navigation: navkit.Navigation) -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise

    router = navkit.Router(guard_timeout=0.05)
    router.add_route("/", lambda: None, endpoint="home")
    router.add_route("/account", lambda: None, endpoint="account", guards=[waits_forever])
    client = navkit_client(router)
    client.go("/account")
    assert cancelled == [True]  # no task left waiting on the auth server
    assert client.titles[-1] == "Something went wrong"


def test_an_async_view_cancelled_halfway_never_lands(navkit_client: Client) -> None:
    app = FaultyApp()
    client = navkit_client(app.router, route="/items")
    client.call(client.navigator.go, "/slow", wait=False)
    client.settle_until(lambda: app.started == ["/slow"])
    client.go("/items/7")  # the last navigation wins
    assert app.cleaned_up == ["/slow"]  # the view's own clean-up ran
    assert client.page.route == "/items/7" and client.titles[-1] == "Item"
    client.settle()
    assert client.page.route == "/items/7"  # and it never lands later
    assert_consistent(client)
    client.browser_back()
    assert client.page.route == "/items"


def test_browser_back_while_loading_cancels_the_load(navkit_client: Client) -> None:
    app = FaultyApp()
    client = navkit_client(app.router, route="/items")
    client.call(client.navigator.go, "/slow", wait=False)
    client.settle_until(lambda: app.started == ["/slow"])
    client.open("/items/3")  # typed while loading
    assert app.cleaned_up == ["/slow"]
    assert client.page.route == "/items/3"
    assert_consistent(client)


# -- a lost connection ----------------------------------------------------------


def test_a_navigation_finishing_while_disconnected_gives_way_to_the_client(
    navkit_client: Client,
) -> None:
    app = FaultyApp()
    client = navkit_client(app.router, route="/items", main=app.main)
    client.call(client.navigator.go, "/loads", wait=False)
    client.disconnect()
    client.settle()  # the view lands while the client is away
    assert client.page.route == "/loads" and client.client_route == "/items"
    client.reconnect()
    # The client never saw /loads: its address wins, as Flet intends.
    assert client.page.route == "/items" and client.titles[-1] == "Items"
    assert client.shown_routes == ["/", "/items"]
    assert app.connects == 1
    assert_consistent(client)
    assert_usable(client)


def test_a_push_lost_with_the_connection_is_forgotten(navkit_client: Client) -> None:
    app = FaultyApp()
    client = navkit_client(app.router, route="/")
    client.go("/items")
    client.disconnect()
    client.go("/items/3")  # e.g. from a timer: the push never reaches the client
    client.go("/items/4")
    client.reconnect()
    assert client.page.route == "/items"
    assert client.navigator.history == HistoryState(("/", "/items"), 1)
    assert_consistent(client)
    assert_usable(client)


def test_an_idle_reconnect_changes_nothing(navkit_client: Client) -> None:
    app = FaultyApp()
    client = navkit_client(app.router, route="/items/2", main=app.main)
    views = [id(view) for view in client.page.views]
    history = client.navigator.history
    client.disconnect()
    client.reconnect()
    assert [id(view) for view in client.page.views] == views  # nothing rebuilt
    assert client.navigator.history == history
    assert app.connects == 1
    assert_consistent(client)
    assert_usable(client)


def test_a_load_still_running_at_reconnect_lands(navkit_client: Client) -> None:
    app = FaultyApp()
    client = navkit_client(app.router, route="/items", main=app.main)
    client.call(client.navigator.go, "/gate", wait=False)
    client.settle_until(lambda: app.started == ["/gate"])
    client.disconnect()
    client.reconnect(wait=False)  # the view is still loading
    assert client.page.route == "/items"
    app.gate.set()
    client.settle()
    assert client.page.route == client.client_route == "/gate"
    assert client.titles[-1] == "Gate"
    assert_consistent(client)
    assert_usable(client)
