"""The smaller things a real app runs into (issue 12, point 11), each from the app's side."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import flet as ft
import pytest

import navkit
from navkit import Navigation
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


def indicators(client: FletTestClient) -> list[ft.Control]:
    return [c for c in client.page.overlay if isinstance(c, ft.ProgressBar)]


def test_one_pending_indicator_stays_until_the_navigation_lands(navkit_client: Client) -> None:
    gates = {"/a": asyncio.Event(), "/b": asyncio.Event()}
    router = navkit.Router()

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return []

    @router.route("/:name", title="Page")
    async def page(name: str) -> list[ft.Control]:
        await gates[f"/{name}"].wait()
        return [ft.Text(name)]

    made: list[ft.Control] = []

    def indicator() -> ft.Control:
        made.append(ft.ProgressBar())
        return made[-1]

    client = navkit_client()
    client.call(router.attach, client.page, pending_indicator=indicator, pending_delay=0.01)
    client.call(client.navigator.go, "/a", wait=False)
    client.settle_until(lambda: len(indicators(client)) == 1)
    client.call(client.navigator.go, "/b", wait=False)  # /a gives way; /b needs the indicator
    client.loop.run_until_complete(asyncio.sleep(0.05))
    gates["/a"].set()
    client.loop.run_until_complete(asyncio.sleep(0.02))
    # One indicator all along: not hidden when /a gave way, not a second for /b.
    assert indicators(client) == made and len(made) == 1
    gates["/b"].set()
    client.settle_until(lambda: client.page.route == "/b")
    client.settle()  # its minimum time (pending_minimum) over
    assert indicators(client) == []


def test_a_failed_view_is_called_again_when_shown_again(navkit_client: Client) -> None:
    calls = {"store": 0}
    router = navkit.Router()

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return []

    @router.route("/store", title="Store")
    def store() -> list[ft.Control]:
        calls["store"] += 1
        if calls["store"] == 1:
            raise ConnectionError("the catalogue is down")
        return [ft.Text("store")]

    @router.route("/store/:item_id", title="Item")
    def item(item_id: int) -> list[ft.Control]:
        return []

    client = navkit_client(router, route="/store/1")
    assert client.titles == ["Home", "Something went wrong", "Item"]
    client.app_bar_back()
    assert client.titles == ["Home", "Store"] and calls["store"] == 2


def test_go_from_a_background_thread_to_an_async_view(navkit_client: Client) -> None:
    router = navkit.Router()

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return []

    @router.route("/report", title="Report")
    async def report() -> list[ft.Control]:
        await asyncio.sleep(0.01)
        return [ft.Text("ready")]

    client = navkit_client(router)
    # Flet's web server gives each connection a thread pool for run_thread.
    client.session.connection.executor = ThreadPoolExecutor(1)
    threads: list[int] = []

    def work() -> None:  # page.run_thread: a worker thread, no event loop of its own
        threads.append(threading.get_ident())
        client.navigator.go("/report")

    client.call(client.page.run_thread, work, wait=False)
    client.settle_until(lambda: client.page.route == "/report")
    client.settle()
    assert threads and threads[0] != threading.get_ident()
    assert client.titles == ["Home", "Report"]
    assert client.navigator.history.entries == ("/", "/report")


def test_refresh_asks_leave_checks(navkit_client: Client) -> None:
    asked: list[str] = []
    router = navkit.Router()

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return []

    @router.route("/form", title="Form")
    def form(nav: navkit.Navigator) -> list[ft.Control]:
        def stay(navigation: Navigation) -> bool:
            asked.append(navigation.source.value)
            return False

        nav.on_leave(stay)
        return [ft.TextField(label="Name")]

    client = navkit_client(router, route="/form")
    field = client.page.views[-1].controls[0]
    client.call(client.navigator.refresh)
    assert asked == ["refresh"]
    assert client.page.views[-1].controls[0] is field  # refused: what was typed stays


def test_closing_a_page_cancels_its_pending_navigation() -> None:
    events: list[str] = []
    router = navkit.Router()

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return []

    @router.route("/slow", title="Slow")
    async def slow() -> list[ft.Control]:
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            events.append("cancelled")
            raise
        return []

    loop = asyncio.new_event_loop()  # the app's loop: closing the page does not stop it
    client = FletTestClient(router, loop=loop)
    client.call(client.navigator.go, "/slow", wait=False)
    client.close()  # the session ends (the tab was closed and Flet expired it)
    loop.run_until_complete(asyncio.sleep(0.05))
    assert events == ["cancelled"] and client.navigator.in_flight is None
    loop.close()


def test_a_guard_that_never_refuses_keeps_swipe_back(navkit_client: Client) -> None:
    visits: list[str] = []
    router = navkit.Router()

    @router.guard
    @navkit.never_refuses
    def log_visit(navigation: Navigation) -> None:
        visits.append(navigation.path)

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return []

    @router.route("/store", title="Store")
    def store() -> list[ft.Control]:
        return []

    client = navkit_client(router, route="/store")
    assert [view.can_pop for view in client.page.views] == [True, True]
    client.app_bar_back()
    assert client.page.route == "/" and visits == ["/store", "/"]

    refusing = navkit.Router()
    refusing.guard(lambda navigation: None)  # may refuse, as far as navkit knows

    @refusing.route("/", title="Home")
    def home2() -> list[ft.Control]:
        return []

    @refusing.route("/store", title="Store")
    def store2() -> list[ft.Control]:
        return []

    guarded = navkit_client(refusing, route="/store")
    assert guarded.page.views[-1].can_pop is False  # the client must ask first


@pytest.mark.parametrize("web", [True, False])
def test_history_is_bounded(navkit_client: Client, web: bool) -> None:
    router = navkit.Router(max_history=20)

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return []

    @router.route("/items/:item_id", title="Item")
    def item(item_id: int) -> list[ft.Control]:
        return []

    client = navkit_client(router, web=web)
    for number in range(100):
        client.go(f"/items/{number}")
    history = client.navigator.history
    assert len(history.entries) == 20 and history.current == "/items/99"
    assert history.entries[0] == "/items/80"
    client.call(client.navigator.back)
    assert client.page.route == "/items/98"
