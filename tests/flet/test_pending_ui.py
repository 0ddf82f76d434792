"""The pending indicator tells the truth: data being loaded, never the user being asked.

Next to what an app has: a "Discard changes?" leave check that waits for
the user's answer (as a dialog's would), an async view loading data, a
second navigation overtaking the first, and ``navkit.run`` on Flet's own
web server.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

import flet as ft
import pytest

import navkit
from navkit.testing import FletTestClient
from tests.flet.test_run import TestClient, open_page

Client = Callable[..., FletTestClient]


def indicators(client: FletTestClient) -> list[ft.Control]:
    return [c for c in client.page.overlay if isinstance(c, ft.ProgressBar)]


class Gates:
    """An editor whose leave check waits for the user, and a page whose data waits."""

    def __init__(self) -> None:
        self.answer = asyncio.Event()
        self.data = asyncio.Event()
        self.router = navkit.Router()

        @self.router.route("/")
        def home() -> list[ft.Control]:
            return []

        @self.router.route("/edit")
        def edit(nav: navkit.Navigator) -> list[ft.Control]:
            async def discard(navigation: navkit.Navigation) -> bool:
                await self.answer.wait()  # the user reads the dialog
                return True

            nav.on_leave(discard)
            return [ft.TextField(label="Text")]

        @self.router.route("/report")
        async def report() -> list[ft.Control]:
            await self.data.wait()  # the server answers
            return [ft.Text("report")]


def open_editor(navkit_client: Client, **options: Any) -> tuple[FletTestClient, Gates]:
    gates = Gates()
    client = navkit_client(None, route="/edit")
    client.call(gates.router.attach, client.page, **options)
    return client, gates


def wait(client: FletTestClient, seconds: float) -> None:
    client.loop.run_until_complete(asyncio.sleep(seconds))


def test_no_indicator_while_a_leave_check_waits_for_the_user(navkit_client: Client) -> None:
    client, gates = open_editor(navkit_client, pending_delay=0.01, pending_minimum=0.0)
    client.call(client.navigator.go, "/report", wait=False)
    wait(client, 0.1)  # ten delays: the user is still reading
    assert indicators(client) == []
    client.call(gates.answer.set, wait=False)  # "Discard": now the data loads
    client.settle_until(lambda: len(indicators(client)) == 1)
    client.call(gates.data.set)
    assert client.page.route == "/report" and indicators(client) == []


def test_once_shown_the_indicator_stays_its_minimum(navkit_client: Client) -> None:
    client, gates = open_editor(navkit_client, pending_delay=0.01, pending_minimum=0.3)
    gates.answer.set()
    client.call(client.navigator.go, "/report", wait=False)
    client.settle_until(lambda: len(indicators(client)) == 1)
    client.call(gates.data.set, wait=False)  # the data comes right after it showed
    wait(client, 0.05)
    assert client.page.route == "/report" and len(indicators(client)) == 1  # no flash
    client.settle()
    assert indicators(client) == []


def test_a_navigation_overtaking_one_being_hidden_keeps_the_indicator(
    navkit_client: Client,
) -> None:
    client, gates = open_editor(navkit_client, pending_delay=0.01, pending_minimum=0.3)
    gates.answer.set()
    client.call(client.navigator.go, "/report", wait=False)
    client.settle_until(lambda: len(indicators(client)) == 1)
    shown = indicators(client)
    gates.data.clear()
    client.call(client.navigator.go, "/", wait=False)  # lands at once: the hide is due later
    client.call(client.navigator.go, "/report", wait=False)  # waits again: the same one stays
    wait(client, 0.35)
    assert indicators(client) == shown
    client.call(gates.data.set)
    assert client.page.route == "/report" and indicators(client) == []


def test_navkit_run_passes_the_pending_options_to_every_page() -> None:
    made: list[ft.Control] = []

    def indicator() -> ft.Control:
        made.append(ft.ProgressBar(semantics_label="Fetching"))
        return made[-1]

    pages: list[Any] = []
    router = navkit.Router()
    router.add_route("/", lambda: [], endpoint="home")
    app = navkit.run(
        router,
        lambda page, nav: pages.append(nav),
        pending_indicator=indicator,
        pending_delay=0.5,
        pending_minimum=0.7,
        export_asgi_app=True,
        no_cdn=True,
    )
    with TestClient(app) as client, ExitStack() as sessions:
        open_page(client, sessions, "/")
    surface = pages[0].surface
    assert surface.pending_indicator is indicator
    assert (surface.pending_delay, surface.pending_minimum) == (0.5, 0.7)


def skeleton() -> ft.Control:
    return ft.Container(content=ft.Text("Loading the report..."), expand=True, key="skeleton")


def skeletons(client: FletTestClient) -> list[ft.Control]:
    return [c for c in client.page.overlay if getattr(c, "key", None) == "skeleton"]


def with_skeleton(gates: Gates) -> None:
    @gates.router.route("/slow-report", pending=skeleton)
    async def slow_report() -> list[ft.Control]:
        await gates.data.wait()
        return [ft.Text("slow report")]


def test_a_routes_pending_view_shows_instead_of_the_bar(navkit_client: Client) -> None:
    gates = Gates()
    with_skeleton(gates)
    client = navkit_client(None, route="/")
    client.call(gates.router.attach, client.page, pending_delay=0.01, pending_minimum=0.0)
    client.call(client.navigator.go, "/slow-report", wait=False)
    client.settle_until(lambda: len(skeletons(client)) == 1)
    assert indicators(client) == []  # the route's own view, not the page's bar
    client.call(gates.data.set)
    assert client.page.route == "/slow-report" and skeletons(client) == []
    gates.data.clear()
    client.call(client.navigator.go, "/report", wait=False)  # a route without one: the bar
    client.settle_until(lambda: len(indicators(client)) == 1)
    assert skeletons(client) == []
    client.call(gates.data.set)


def test_a_routes_pending_view_waits_for_the_leave_dialog_like_the_bar(
    navkit_client: Client,
) -> None:
    gates = Gates()
    with_skeleton(gates)
    client = navkit_client(None, route="/edit")
    client.call(gates.router.attach, client.page, pending_delay=0.01, pending_minimum=0.0)
    client.call(client.navigator.go, "/slow-report", wait=False)
    wait(client, 0.1)  # the user reads "Discard changes?": nothing loads yet
    assert skeletons(client) == [] and indicators(client) == []
    client.call(gates.answer.set, wait=False)
    client.settle_until(lambda: len(skeletons(client)) == 1)
    client.call(client.navigator.go, "/", wait=False)  # the user gives up: it goes
    client.settle()
    assert client.page.route == "/" and skeletons(client) == []


def test_a_pending_view_that_is_no_function_is_refused_at_registration() -> None:
    router = navkit.Router()
    with pytest.raises(navkit.RouteError, match="pending= must be a function"):
        router.add_route("/x", lambda: [], pending=ft.Text("Loading"))
