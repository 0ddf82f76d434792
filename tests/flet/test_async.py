"""Async views and guards: the last navigation wins; a pending indicator shows."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import flet as ft
import pytest

import navkit
from navkit import Navigation
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


class SlowApp:
    def __init__(self, delay: float = 0.05) -> None:
        self.events: list[str] = []
        router = self.router = navkit.Router()

        @router.route("/", title="Home")
        def home() -> list[ft.Control]:
            return []

        @router.route("/slow", title="Slow")
        async def slow() -> list[ft.Control]:
            self.events.append("slow started")
            try:
                await asyncio.sleep(delay)
            except asyncio.CancelledError:
                self.events.append("slow cancelled")
                raise
            self.events.append("slow finished")
            return [ft.Text("slow page")]

        @router.route("/fast", title="Fast")
        def fast() -> list[ft.Control]:
            return [ft.Text("fast page")]

        async def checks_slowly(navigation: Navigation) -> str | None:
            await asyncio.sleep(0.01)
            return "/fast" if "redirect" in navigation.address else None

        @router.route("/guarded", guards=[checks_slowly])
        def guarded(redirect: str = "") -> list[ft.Control]:
            return [ft.Text("guarded page")]


def begin(client: FletTestClient, target: str) -> None:
    """Start a navigation from a handler without waiting for it to finish."""

    async def handler() -> None:
        client.navigator.go(target)

    client.loop.run_until_complete(handler())


def test_an_async_view_lands_when_it_is_ready(navkit_client: Client) -> None:
    app = SlowApp()
    client = navkit_client(app.router)
    begin(client, "/slow")
    assert client.page.route == "/" and app.events == ["slow started"]  # not yet
    client.settle()
    assert client.page.route == "/slow" and client.titles == ["Home", "Slow"]
    assert client.navigator.history.entries == ("/", "/slow")
    assert client.client_route == "/slow"


def test_the_last_navigation_wins(navkit_client: Client) -> None:
    app = SlowApp(delay=0.2)
    client = navkit_client(app.router)
    begin(client, "/slow")
    begin(client, "/fast")  # while /slow is still loading
    client.settle()
    assert client.page.route == "/fast" and client.titles == ["Home", "Fast"]
    assert app.events == ["slow started", "slow cancelled"]  # stopped, never landed
    assert client.navigator.history.entries == ("/", "/fast")
    client.loop.run_until_complete(asyncio.sleep(0.3))
    client.settle()
    assert client.page.route == "/fast"  # still: nothing stale lands later


def test_the_pending_indicator_shows_while_waiting(navkit_client: Client) -> None:
    app = SlowApp(delay=0.3)
    client = navkit_client(None)
    client.call(app.router.attach, client.page, pending_delay=0.02)
    begin(client, "/slow")
    client.loop.run_until_complete(asyncio.sleep(0.1))
    assert any(isinstance(control, ft.ProgressBar) for control in client.page.overlay)
    client.settle()
    assert not client.page.overlay and client.page.route == "/slow"


def test_a_quick_async_view_shows_no_indicator(navkit_client: Client) -> None:
    app = SlowApp(delay=0.0)
    client = navkit_client(app.router)
    client.go("/slow")
    assert not client.page.overlay and client.page.route == "/slow"


@pytest.mark.parametrize(
    ("target", "landed"), [("/guarded", "/guarded"), ("/guarded?redirect=1", "/fast")]
)
def test_async_guards(navkit_client: Client, target: str, landed: str) -> None:
    client = navkit_client(SlowApp().router)
    client.go(target)
    assert client.page.route == landed
