"""Memory of one page over many navigations: flat, because the history is bounded.

Shared by ``tests/flet/test_bench_history.py`` (what must hold) and
``benchmarks/bench_history.py`` (the figures). A page goes between a few
addresses -- links, back and forward, pops -- ``steps`` times, and at chosen
checkpoints tracemalloc reports the bytes allocated since the page was
opened and still alive, as ``benchmarks.sessions.navkit_state_per_page``
does for many pages. A bounded history (``Router(max_history=50)``) keeps
that flat; an unbounded one grows with every entry.

Two drivers:

* :func:`navigator_memory` -- ``navkit.navigation`` alone, on a bare
  surface that draws nothing (no Flet): cheap enough for 20,000
  navigations in a unit test;
* :func:`page_memory` -- a real ``ft.Page`` on navkit.testing's client
  stand-in, navkit or the classic handler of Flet's docs.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import random
import tracemalloc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import flet as ft

import navkit
from benchmarks.common import classic_view_pop
from navkit.navigation.browser import BrowserHistory
from navkit.navigation.history import MemoryHistory
from navkit.navigation.inbound import Inbound
from navkit.navigation.machine import NavigationMachine
from navkit.navigation.navigator import Navigator
from navkit.navigation.surface import Screen
from navkit.navigation.urls import UrlStrategy
from navkit.navigation.views import Built
from navkit.testing import FletTestClient

NAVKIT = Path(navkit.__file__).parent
# Navigations before measuring, untraced. Enough to fill urllib's urlsplit
# cache (128 entries; Flet parses page.url + route on every route change,
# and each history-script message is a new route): a bounded cache filling
# up is not the page growing.
WARM_UP = 1000
BROWSER_ENTRIES = 50  # what Chromium and Firefox keep per tab
ADDRESSES = ["/", "/store", "/store/1", "/store/2", "/store/2/reviews", "/account"]
# What counts: navkit's own code, and everything but the client stand-in
# (whose record of sent messages and browser entries grows by design).
NAVKIT_ONLY = [
    tracemalloc.Filter(True, f"{NAVKIT}/*"),
    tracemalloc.Filter(False, f"{NAVKIT}/testing/*"),
]
ALL_BUT_STAND_IN = [
    tracemalloc.Filter(False, f"{NAVKIT}/testing/*"),
    tracemalloc.Filter(False, tracemalloc.__file__),  # the snapshots themselves
]


def make_router(**options: Any) -> navkit.Router:
    router = navkit.Router(**options)
    router.add_route("/", lambda: [ft.Text("home")], endpoint="home")
    router.add_route("/store", lambda: [ft.Text("store")], endpoint="store")
    router.add_route("/store/:item", lambda item: [ft.Text(f"item {item}")], endpoint="item")
    router.add_route(
        "/store/:item/reviews", lambda item: [ft.Text(f"reviews {item}")], endpoint="reviews"
    )
    router.add_route("/account", lambda: [ft.Text("account")], endpoint="account", root=True)
    return router


@dataclass
class Memory:
    """Bytes still held at each checkpoint, and the longest history seen."""

    navkit: dict[int, int] = field(default_factory=dict)  # allocated by navkit's code
    everything: dict[int, int] = field(default_factory=dict)  # by any code but the stand-in
    longest_history: int = 0


class _Bare:
    """A surface that draws nothing: the navigation layer alone."""

    page = None

    def render(self, built: Built) -> Any:
        return built

    def commit(self, screen: Screen) -> None:
        pass

    def loading(self, waiting: bool, pending: Any = None) -> None:
        pass

    def stayed(self) -> None:
        pass

    def reshow_top(self) -> None:
        pass

    def calling(self, navigator: Any, navigation: Any, level: Any) -> Any:
        return contextlib.nullcontext()

    def prepared(self, result: Any) -> Any:
        return result

    def snapshot_of(self, view: Any) -> None:
        return None

    def in_loop(self, callback: Callable[[], object]) -> bool:
        return False


class _Traced:
    """tracemalloc from now on; :meth:`record` stores what is still held."""

    def __init__(self, memory: Memory) -> None:
        self.memory = memory
        gc.collect()
        tracemalloc.start()
        self.before = tracemalloc.take_snapshot()

    def record(self, step: int) -> None:
        gc.collect()
        after = tracemalloc.take_snapshot()
        for filters, into in (
            (NAVKIT_ONLY, self.memory.navkit),
            (ALL_BUT_STAND_IN, self.memory.everything),
        ):
            grown = after.filter_traces(filters).compare_to(
                self.before.filter_traces(filters), "filename"
            )
            into[step] = sum(stat.size_diff for stat in grown)

    def stop(self) -> None:
        tracemalloc.stop()


def navigator_memory(
    steps: int, checkpoints: Iterable[int], *, web: bool = True, max_history: int = 50
) -> Memory:
    """``navkit.navigation`` alone: a navigator on a bare surface, ``steps`` moves."""
    router = make_router()
    _navigate(router, WARM_UP, set(), web, max_history, None)  # caches, lazy imports
    memory = Memory()
    _navigate(router, steps, set(checkpoints), web, max_history, memory)
    return memory


def _navigate(
    router: navkit.Router,
    steps: int,
    marks: set[int],
    web: bool,
    max_history: int,
    memory: Memory | None,
) -> None:
    async def run() -> None:
        kind = BrowserHistory if web else MemoryHistory
        traced = _Traced(memory) if memory is not None else None
        try:
            history = kind("/", max_entries=max_history)
            machine = NavigationMachine(router.table, _Bare(), history, UrlStrategy("path", ""))
            navigator = Navigator(machine)
            Inbound(machine).start("/")
            rng = random.Random(1)
            for step in range(1, steps + 1):
                _move(navigator, history, rng, web)
                task = navigator.task
                if task is not None and not task.done():
                    await task
                if traced is not None:
                    traced.memory.longest_history = max(
                        traced.memory.longest_history, len(navigator.history.entries)
                    )
                    if step in marks:
                        traced.record(step)
            machine.close()
        finally:
            if traced is not None:
                traced.stop()

    asyncio.run(run())


def _move(navigator: Navigator, model: MemoryHistory, rng: random.Random, web: bool) -> None:
    roll = rng.random()
    history = navigator.history
    if roll < 0.55:
        navigator.go(rng.choice(ADDRESSES))
    elif roll < 0.7:
        if web and history.can_back:  # the browser's Back button
            model.arrived(history.entries[history.index - 1])
        else:
            navigator.back()
    elif roll < 0.8:
        navigator.forward()
    else:
        navigator.pop()


def page_memory(
    steps: int, checkpoints: Iterable[int], *, app: str = "navkit", max_history: int = 50
) -> Memory:
    """A real page on the client stand-in: ``app`` is ``"navkit"``, ``"navkit desktop"``
    or ``"classic"`` (Flet's docs: clear ``page.views``, rebuild, ``page.update()``)."""
    _visit(WARM_UP, set(), app, max_history, None)  # caches, lazy imports
    memory = Memory()
    _visit(steps, set(checkpoints), app, max_history, memory)
    return memory


def _visit(steps: int, marks: set[int], app: str, max_history: int, memory: Memory | None) -> None:
    traced = _Traced(memory) if memory is not None else None
    try:
        if app == "classic":
            client = FletTestClient(route="/", main=_classic_main)
        else:
            router = make_router(max_history=max_history)
            client = FletTestClient(router, route="/", web=app != "navkit desktop")
        rng = random.Random(1)
        for step in range(1, steps + 1):
            _page_move(client, rng, app)
            _forget_as_a_browser(client)
            if traced is None:
                continue
            if app != "classic":
                traced.memory.longest_history = max(
                    traced.memory.longest_history, len(client.navigator.history.entries)
                )
            if step in marks:
                traced.record(step)
        client.close()
    finally:
        if traced is not None:
            traced.stop()


def _forget_as_a_browser(client: FletTestClient) -> None:
    """Keep the stand-in's own records out of the page's memory.

    The stand-in's browser keeps every entry and its log every message
    sent; a browser keeps 50 entries per tab (Chromium, Firefox), dropping
    the oldest, and nothing here reads the log. Both would hold strings the
    page allocated (routes), counted where they were allocated.
    """
    client.sent.clear()
    drop = min(len(client.entries) - BROWSER_ENTRIES, client.index)
    if drop > 0:
        del client.entries[:drop]
        client.index -= drop


def _page_move(client: FletTestClient, rng: random.Random, app: str) -> None:
    roll = rng.random()
    if roll < 0.55:
        address = rng.choice(ADDRESSES)
        if app == "classic":
            client.call(client.page.push_route, address)
        else:
            client.go(address)
    elif roll < 0.7 and client.web:
        client.browser_back()
    elif roll < 0.8 and client.web:
        client.browser_forward()
    elif len(client.page.views) > 1:
        client.app_bar_back()
    elif app != "classic":
        client.call(client.navigator.back)


def _classic_main(page: ft.Page) -> None:
    """The route-change handler of Flet's routing docs, on the same addresses."""

    def route_change(event: object = None) -> None:
        parts = [part for part in page.route.split("/") if part]
        prefixes = ["/"] + ["/" + "/".join(parts[: i + 1]) for i in range(len(parts))]
        if page.route == "/account":
            prefixes = ["/account"]
        page.views.clear()
        for prefix in prefixes:
            page.views.append(ft.View(route=prefix, controls=[ft.Text(prefix)]))
        page.update()

    page.on_route_change = route_change
    page.on_view_pop = classic_view_pop(page)
    route_change()
