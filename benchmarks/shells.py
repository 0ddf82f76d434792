"""Switching tabs in an app shell: stacks kept on the page against views built again.

Shared by ``tests/flet/test_bench_shells.py`` (what must hold) and
``benchmarks/bench_shells.py`` (the figures). A shell of two destinations,
Feed and Search; each branch is three levels deep (``/feed``, ``/feed/1``,
``/feed/1/2`` and ``/search``, ``/search/3``, ``/search/3/4``), every view
holding ``controls`` rows. The page shows one branch's stack and the user
taps the other destination, back and forth. The apps:

* ``KEPT``: ``navkit.Shell(keep_state=True)``. The parked branch's views
  are still in ``page.views`` beneath the shown ones: a switch sends their
  new order and builds nothing;
* ``ROOT``: ``keep_state=False``. A switch opens the branch's root (one view
  built) and closes the branch left -- not the stack the user left;
* ``ROOT_THEN_DEEP``: ``keep_state=False``, then the user goes back down to
  the page they were on (``navigator.go``): the same screen as the others;
* ``REBUILD``: what a Flet app does without navkit, in plain Flet code. The
  bar's ``on_change`` calls ``page.navigate`` with the address the tab was
  left at; ``on_route_change`` clears ``page.views``, builds every level of
  that tab's stack again and calls ``page.update()``, as Flet's routing docs
  do. Its bar is the one navkit shows (one ``NavigationBar`` in
  ``page.overlay``, views padded for it), so only the views differ.

All four run on navkit.testing's stand-in for Flet's client (a real
``ft.Page``, messages msgpack-encoded as Flet's transports do), as desktop
pages; a switch is the user's tap on the bar and runs until the page has
settled, the client's route-change round trip included.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import flet as ft

import navkit
from benchmarks.common import classic_view_pop
from navkit.testing import FletTestClient

KEPT = "navkit, kept stacks"
ROOT = "navkit, keep_state=False"
ROOT_THEN_DEEP = "navkit, keep_state=False + go back down"
REBUILD = "rebuild (plain Flet)"
APPS = (KEPT, ROOT, ROOT_THEN_DEEP, REBUILD)

LABELS = ("Feed", "Search")
ROOTS = {"Feed": "/feed", "Search": "/search"}
DEEP = {"Feed": "/feed/1/2", "Search": "/search/3/4"}
WARM_UP = 4  # switches before measuring: caches, lazy imports, first paddings
# The room navkit's chrome makes for its bar (Flet's default padding of 10,
# plus the 80 of a Material 3 navigation bar at the bottom).
ROOM = ft.Padding(left=10, top=10, right=10, bottom=90)


class Counted:
    """Counts view-function calls."""

    def __init__(self, controls: int) -> None:
        self.controls = controls
        self.calls = 0

    def view(self, label: str) -> list[ft.Control]:
        self.calls += 1
        return [ft.Text(f"{label}: post {n}, worth reading") for n in range(self.controls)]


def title(label: str, depth: int) -> str:
    """The AppBar title of a branch's level (1: its root)."""
    return label if depth == 1 else f"{label} {depth}"


def make_router(counter: Counted, *, keep_state: bool) -> navkit.Router:
    """The shell: Feed and Search, three levels each."""
    shell = navkit.Shell("tabs", keep_state=keep_state)
    for label in LABELS:
        root = ROOTS[label]
        branch = shell.branch(label.lower(), label=label, icon=ft.Icons.HOME, route=root)
        branch.add_route(root, lambda root=root: counter.view(root), title=title(label, 1))
        branch.add_route(
            f"{root}/:a",
            lambda a, root=root: counter.view(f"{root}/{a}"),
            endpoint="item",
            title=title(label, 2),
        )
        branch.add_route(
            f"{root}/:a/:b",
            lambda a, b, root=root: counter.view(f"{root}/{a}/{b}"),
            endpoint="detail",
            title=title(label, 3),
        )
    router = navkit.Router()
    router.register_blueprint(shell)
    return router


def rebuild_main(counter: Counted) -> Callable[[ft.Page], None]:
    """A tab app in plain Flet: one bar, and every switch builds the tab's stack again."""

    def main(page: ft.Page) -> None:
        where = dict(ROOTS)  # the address each tab was left at

        def route_change(event: object = None) -> None:
            parts = [part for part in page.route.split("/") if part]
            label = next(label for label in LABELS if ROOTS[label] == f"/{parts[0]}")
            where[label] = page.route
            page.views.clear()
            for depth in range(1, len(parts) + 1):
                prefix = "/" + "/".join(parts[:depth])
                page.views.append(
                    ft.View(
                        route=prefix,
                        appbar=ft.AppBar(title=ft.Text(title(label, depth))),
                        controls=counter.view(prefix),
                        padding=ROOM,
                    )
                )
            bar.selected_index = LABELS.index(label)
            page.update()

        def changed(event: ft.Event[ft.NavigationBar]) -> None:
            page.navigate(where[LABELS[bar.selected_index or 0]])

        bar = ft.NavigationBar(
            destinations=[
                ft.NavigationBarDestination(icon=ft.Icons.HOME, label=label) for label in LABELS
            ],
            on_change=changed,
            left=0,
            right=0,
            bottom=0,
        )
        page.overlay.append(bar)
        page.on_route_change = route_change
        page.on_view_pop = classic_view_pop(page)
        route_change()

    return main


@dataclass(frozen=True, slots=True)
class Sample:
    """What one switch cost."""

    seconds: float
    calls: int  # view functions called
    sent: int  # bytes sent to the client


@dataclass
class Switching:
    """One app on one client, switching tabs back and forth; what each switch cost."""

    name: str
    client: FletTestClient
    counter: Counted
    samples: list[Sample] = field(default_factory=list)
    shown: str = "Search"

    def switch(self) -> Sample:
        """Tap the other destination (and, for ``ROOT_THEN_DEEP``, go back down)."""
        target = LABELS[1 - LABELS.index(self.shown)]
        client, counter = self.client, self.counter
        calls, sent = counter.calls, client.sent_bytes
        started = time.perf_counter()
        client.tap_destination(target)
        if self.name == ROOT_THEN_DEEP:
            client.go(DEEP[target])
        elapsed = time.perf_counter() - started
        sample = Sample(elapsed, counter.calls - calls, client.sent_bytes - sent)
        self.shown = target
        expected = ROOTS[target] if self.name == ROOT else DEEP[target]
        if client.page.route != expected or client.selected_destination != target:
            raise RuntimeError(f"{self.name}: shows {client.page.route}, not {expected}")
        client.sent.clear()  # the stand-in's log of messages: not the page's
        self.samples.append(sample)
        return sample

    def close(self) -> None:
        self.client.close()


def open_app(name: str, controls: int) -> Switching:
    """``name`` (one of ``APPS``) on its own client, both branches three levels deep.

    It opens at ``/feed/1/2``, taps Search and goes to ``/search/3/4``:
    Search is shown and Feed is parked (kept, or closed with
    ``keep_state=False``), then it switches ``WARM_UP`` times, unrecorded.
    """
    counter = Counted(controls)
    if name == REBUILD:
        client = FletTestClient(route=DEEP["Feed"], web=False, main=rebuild_main(counter))
        client.tap_destination("Search")
        client.call(client.page.push_route, DEEP["Search"])
    else:
        router = make_router(counter, keep_state=name == KEPT)
        client = FletTestClient(router, route=DEEP["Feed"], web=False)
        client.tap_destination("Search")
        client.go(DEEP["Search"])
    app = Switching(name, client, counter)
    for _ in range(WARM_UP):
        app.switch()
    app.samples.clear()
    return app


def switch_samples(name: str, controls: int, switches: int) -> list[Sample]:
    """``switches`` switches of one app, alone (the unit test's measure)."""
    app = open_app(name, controls)
    try:
        return [app.switch() for _ in range(switches)]
    finally:
        app.close()
