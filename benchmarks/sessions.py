"""Many pages on one router and one event loop, as a Flet web app serves its tabs.

Shared by ``tests/test_sessions.py`` (what must hold) and
``benchmarks/bench_sessions.py`` (how fast). Page ``uid`` only ever visits
its own addresses (``/u/<uid>/items/<n>``...), so anything of another page
showing up on it -- a route, a parameter, a view built in another page's
context -- is a leak between sessions. The item view is async and yields
to the loop, so navigations of different pages interleave mid-way.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import random
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import flet as ft
from flet.controls.context import _context_page

import navkit
from navkit.testing import FletTestClient

ITEMS = 10
NAVKIT = Path(navkit.__file__).parent


def make_router() -> navkit.Router:
    """One router for every page; each view records the page it was built for."""
    router = navkit.Router()

    def view(title: str, text: str) -> ft.View:
        # ft.context.page is the page whose navigation is building this view.
        built_for = ft.context.page.session.id
        return ft.View(
            appbar=ft.AppBar(title=ft.Text(title)), controls=[ft.Text(text, data=built_for)]
        )

    @router.route("/", endpoint="home")
    def home() -> ft.View:
        return view("Home", "home")

    @router.route("/u/:uid", endpoint="user")
    def user(uid: int) -> ft.View:
        return view("User", f"user {uid}")

    @router.route("/u/:uid/items/:item", endpoint="item")
    async def item(uid: int, item: int) -> ft.View:
        await asyncio.sleep(0)  # let the other pages run in between
        return view("Item", f"user {uid} item {item}")

    @router.route("/u/:uid/items/:item/reviews", endpoint="reviews")
    def reviews(uid: int, item: int) -> ft.View:
        return view("Reviews", f"user {uid} item {item} reviews")

    return router


def open_pages(
    router: navkit.Router, count: int, loop: asyncio.AbstractEventLoop
) -> list[FletTestClient]:
    """``count`` browser tabs of one app, each deep-linked to its own user page."""
    return [FletTestClient(router, route=f"/u/{uid}", loop=loop) for uid in range(count)]


class App(Protocol):
    """How the app navigates on a visitor's click (navkit, or Flet's classic handler)."""

    def go(self, client: FletTestClient, endpoint: str, values: dict[str, int]) -> Any: ...

    def pop(self, client: FletTestClient) -> Any: ...


class NavkitApp:
    """navkit: ``nav.go(endpoint, **values)`` and ``nav.pop()``."""

    def go(self, client: FletTestClient, endpoint: str, values: dict[str, int]) -> None:
        client.navigator.go(endpoint, **values)

    def pop(self, client: FletTestClient) -> None:
        client.navigator.pop()


async def visit(
    client: FletTestClient,
    uid: int,
    steps: int,
    seed: int,
    check: Callable[[FletTestClient, int], None] | None = None,
    app: App | None = None,
) -> None:
    """``steps`` random navigations by the visitor of page ``uid``."""
    _context_page.set(client.page)  # as Flet sets it for the page's event handlers
    rng = random.Random(seed)
    app = app or NavkitApp()
    for _ in range(steps):
        roll = rng.random()
        done: Any
        if roll < 0.45:
            item = rng.randrange(ITEMS)
            endpoint = rng.choice(["user", "item", "item", "reviews"])
            values = {"uid": uid} if endpoint == "user" else {"uid": uid, "item": item}
            done = app.go(client, endpoint, values)
        elif roll < 0.6:
            done = client.act("browser_back")
        elif roll < 0.7:
            done = client.act("browser_forward")
        elif roll < 0.85 and len(client.page.views) > 1:
            done = client.act("app_bar_back")
        else:
            done = app.pop(client)
        if inspect.isawaitable(done):
            await done
        await client.idle()
        if check is not None:
            check(client, uid)


def check_own(client: FletTestClient, uid: int) -> None:
    """Page ``uid`` shows only its own routes, parameters and views."""
    routes = client.view_routes
    assert client.page.route == routes[-1] == client.client_route == client.navigator.address
    own = f"/u/{uid}"
    for route in routes:
        assert route in ("/", own) or route.startswith(own + "/"), (uid, routes)
    for view in client.page.views:
        text = view.controls[0]
        assert text.data == client.session.id, (uid, "a view built for another page")
        if view.route != "/":
            assert str(getattr(text, "value", "")).startswith(f"user {uid}"), (uid, text)
    match = client.navigator.current
    assert match is not None and match.params.get("uid", uid) == uid


def run_all(
    clients: list[FletTestClient],
    steps: int,
    loop: asyncio.AbstractEventLoop,
    check: Callable[[FletTestClient, int], None] | None = None,
    app: App | None = None,
) -> None:
    """Every page's visitor at once, interleaved on ``loop``."""
    visits = [
        visit(client, uid, steps, seed=uid, check=check, app=app)
        for uid, client in enumerate(clients)
    ]

    async def together() -> None:
        await asyncio.gather(*visits)

    loop.run_until_complete(together())


def navkit_state_per_page(pages: int, steps: int) -> float:
    """Bytes navkit's own code allocated and still holds, per idle page (tracemalloc).

    ``pages`` pages do ``steps`` navigations each; what navkit's modules
    allocated meanwhile and still hold is divided among them. The views are
    built by the app's view functions and the page by Flet, so neither counts;
    nor does the client stand-in. Shared caches are warmed first.
    """
    loop = asyncio.new_event_loop()
    router = make_router()
    run_all(open_pages(router, 1, loop), steps, loop)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        clients = open_pages(router, pages, loop)
        run_all(clients, steps, loop)
        gc.collect()
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    only = [
        tracemalloc.Filter(True, f"{NAVKIT}/*"),
        tracemalloc.Filter(False, f"{NAVKIT}/testing/*"),  # the client stand-in
    ]
    grown = after.filter_traces(only).compare_to(before.filter_traces(only), "filename")
    for client in clients:
        client.close()
    loop.close()
    return sum(stat.size_diff for stat in grown) / pages
