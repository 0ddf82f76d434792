"""An app shell of eight tabs: switching tabs, and navigating inside one, as tabs are opened.

Shared by ``tests/flet/test_bench_shells.py`` (what must hold) and
``benchmarks/bench_shells.py`` (the figures). Eight destinations
(``LABELS``); each branch has four levels (``/feed``, ``/feed/1``,
``/feed/1/2``, ``/feed/1/2/3``), every view holding ``controls`` rows. A tab
is *opened* once the user has tapped it and gone three levels deep
(``/feed/1/2``); with ``tabs`` opened, Feed is shown, the others left there.

* ``KEPT``: ``navkit.Shell(keep_state=True)``: a switch shows the branch's
  stack as the user left it, its views kept;
* ``ROOT``: ``keep_state=False``: a switch opens the branch's root and
  closes the branch left; its switch is the tap, then ``navigator.go`` back
  down to ``/x/1/2`` (the same screen as the others);
* ``FLET``: the tabs in plain Flet, as Flet's routing docs write it:
  ``on_route_change`` clears ``page.views``, builds every level of the route
  again and calls ``page.update()``; the bar's ``on_change`` calls
  ``page.navigate`` to where the tab was left. Each view has its own
  ``View.navigation_bar``, a fresh ``ft.NavigationBar`` (a control cannot
  have two parents): the fair peer of navkit's bar per view;
* ``ALONE``: navkit, the same routes and views, no shell: the view's own cost.

On navkit.testing's stand-in for Flet's client (a real ``ft.Page``, messages
msgpack-encoded as Flet's transports do), desktop pages resized to a phone's
width (``PHONE``): a shell shows its ``NavigationBar``, not its rail. A
navigation is a handler's ``navigator.go`` (``page.push_route`` in plain
Flet), a switch the user's tap on the bar; each runs until the page has
settled, the client's route-change round trip included. The plain app's bar
is tapped through Flet's session as the client's tap arrives
(``selected_index``, then ``change``; Flet then auto-updates the page), alike
before and after the app-shell rewrite (before it, navkit's stand-in looked
for a bar in ``page.overlay`` only).

Flet's diff work: :class:`DiffCount` counts calls to Flet's differ,
``DiffBuilder._compare_dataclasses`` (flet/controls/object_patch.py), once
per control (or nested value object) on the page compared with its last
snapshot in a ``page.update()``. Controls new to the page are encoded, not
compared: their cost shows in the bytes, not in this count.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import flet as ft
import msgpack
from flet.controls.object_patch import DiffBuilder
from flet.messaging.protocol import configure_encode_object_for_msgpack

import navkit
from navkit.testing import FletTestClient

KEPT = "navkit, kept stacks"
ROOT = "navkit, keep_state=False"
FLET = "plain Flet, bar per view"
ALONE = "navkit, no shell (the view alone)"
APPS = (KEPT, ROOT, FLET)

LABELS = ("Feed", "Search", "Inbox", "Maps", "Photos", "Music", "Files", "Saved")
ICON_NAMES = ("DYNAMIC_FEED", "SEARCH", "INBOX", "MAP", "PHOTO", "MUSIC_NOTE", "FOLDER", "BOOKMARK")
ICONS = {label: getattr(ft.Icons, icon) for label, icon in zip(LABELS, ICON_NAMES, strict=True)}
PHONE = (390, 844)  # logical pixels: under Shell's breakpoint, so the bar shows
WARM_UP = 4  # navigations before measuring: caches, lazy imports, first paddings


def root(label: str) -> str:
    """The root of ``label``'s branch."""
    return f"/{label.lower()}"


def deep(label: str) -> str:
    """Where an opened tab is: three levels deep."""
    return f"{root(label)}/1/2"


def deeper(label: str) -> str:
    """One level deeper than ``deep``: the push inside a branch."""
    return f"{deep(label)}/3"


def title(label: str, depth: int) -> str:
    """The AppBar title of a branch's level (1: its root)."""
    return label if depth == 1 else f"{label} {depth}"


class Counted:
    """The views' content: ``controls`` rows; counts view-function calls."""

    def __init__(self, controls: int) -> None:
        self.controls = controls
        self.calls = 0

    def view(self, address: str) -> list[ft.BaseControl]:
        self.calls += 1
        return [ft.Text(f"{address}: post {n}, worth reading") for n in range(self.controls)]


class DiffCount:
    """Counts Flet's differ at work: calls to ``DiffBuilder._compare_dataclasses``."""

    def __init__(self) -> None:
        self.count = 0

    @contextmanager
    def installed(self) -> Iterator[DiffCount]:
        original = DiffBuilder._compare_dataclasses

        def counted(builder: DiffBuilder, *args: Any, **kwargs: Any) -> None:
            self.count += 1
            original(builder, *args, **kwargs)

        DiffBuilder._compare_dataclasses = counted  # type: ignore[method-assign, assignment]
        try:
            yield self
        finally:
            DiffBuilder._compare_dataclasses = original  # type: ignore[method-assign]


DIFFS = DiffCount()


def _add_routes(routes: Any, label: str, counter: Counted) -> None:
    """The four levels of ``label``'s branch, on a branch or a router."""
    base, name = root(label), label.lower()
    templates = (base, f"{base}/:a", f"{base}/:a/:b", f"{base}/:a/:b/:c")
    views: tuple[Callable[..., list[ft.BaseControl]], ...] = (
        lambda: counter.view(base),
        lambda a: counter.view(f"{base}/{a}"),
        lambda a, b: counter.view(f"{base}/{a}/{b}"),
        lambda a, b, c: counter.view(f"{base}/{a}/{b}/{c}"),
    )
    for depth, (template, view) in enumerate(zip(templates, views, strict=True), start=1):
        routes.add_route(template, view, endpoint=f"{name}_{depth}", title=title(label, depth))


def make_router(counter: Counted, *, keep_state: bool | None) -> navkit.Router:
    """The shell of eight branches (``keep_state=None``: the same routes without a shell)."""
    router = navkit.Router()
    if keep_state is None:
        for label in LABELS:
            _add_routes(router, label, counter)
        return router
    shell = navkit.Shell("tabs", keep_state=keep_state)
    for label in LABELS:
        branch = shell.branch(label.lower(), label=label, icon=ICONS[label], route=root(label))
        _add_routes(branch, label, counter)
    router.register_blueprint(shell)
    return router


def navigation_bar(index: int, on_change: Callable[[Any], Any] | None) -> ft.NavigationBar:
    """A bar of the eight destinations, ``index`` selected."""
    return ft.NavigationBar(
        destinations=[
            ft.NavigationBarDestination(icon=ICONS[label], label=label) for label in LABELS
        ],
        selected_index=index,
        on_change=on_change,
    )


def bar_bytes() -> int:
    """The msgpack size of one ``NavigationBar`` of the eight destinations, as Flet encodes it.

    A bar built for the measure (encoding records snapshots on the control,
    so a bar on a page is never encoded here).
    """
    encode = configure_encode_object_for_msgpack(ft.BaseControl)
    return len(msgpack.packb(navigation_bar(0, lambda event: None), default=encode))


class PlainFlet:
    """The tabs in plain Flet (see the module docstring)."""

    def __init__(self, counter: Counted) -> None:
        self.counter = counter
        self.where = {label: root(label) for label in LABELS}  # where each tab was left
        self.page: ft.Page | None = None

    def main(self, page: ft.Page) -> None:
        self.page = page
        page.on_route_change = self.route_change
        self.route_change()

    def route_change(self, event: object = None) -> None:
        page = self.page
        assert page is not None
        parts = [part for part in page.route.split("/") if part]
        label = next(label for label in LABELS if root(label) == f"/{parts[0]}")
        self.where[label] = page.route
        index = LABELS.index(label)
        page.views.clear()
        for depth in range(1, len(parts) + 1):
            prefix = "/" + "/".join(parts[:depth])
            page.views.append(
                ft.View(
                    route=prefix,
                    appbar=ft.AppBar(title=ft.Text(title(label, depth))),
                    controls=self.counter.view(prefix),
                    navigation_bar=navigation_bar(index, self.changed),
                )
            )
        page.update()

    def changed(self, event: ft.Event[ft.NavigationBar]) -> None:
        page = self.page
        assert page is not None
        page.navigate(self.where[LABELS[event.control.selected_index or 0]])

    async def tap(self, label: str) -> None:
        """The client's tap on ``label`` in the shown view's bar, as Flet's client reports it."""
        page = self.page
        assert page is not None
        bar = page.views[-1].navigation_bar
        assert bar is not None
        index = LABELS.index(label)
        page.session.apply_patch(bar._i, {"selected_index": index})  # then ``change``:
        await page.session.dispatch_event(bar._i, "change", index)  # on_change, auto-update


@dataclass(frozen=True, slots=True)
class Sample:
    """What one navigation or switch cost."""

    seconds: float
    calls: int  # view functions called
    sent: int  # bytes sent to the client
    diffs: int  # Flet's differ: _compare_dataclasses calls (0 unless DIFFS is installed)
    bars: int  # views put on the page with a View.navigation_bar


@dataclass
class App:
    """One app on one client, Feed shown; what each navigation cost."""

    name: str
    client: FletTestClient
    counter: Counted
    plain: PlainFlet | None = None
    shown: str = "Feed"
    pushes: list[Sample] = field(default_factory=list)
    pops: list[Sample] = field(default_factory=list)
    switches: list[Sample] = field(default_factory=list)

    def go(self, address: str) -> None:
        """A handler navigates to ``address``."""
        if self.plain is None:
            self.client.go(address)
        else:
            self.client.call(self.client.page.push_route, address)

    def tap(self, label: str) -> None:
        """The user taps ``label``'s destination."""
        if self.plain is None:
            self.client.tap_destination(label)
        else:
            self.client.call(self.plain.tap, label)
        self.shown = label

    def visit(self, label: str) -> None:
        """Tap ``label``, then go three levels deep unless the tab is there already."""
        self.tap(label)
        if self.client.page.route != deep(label):
            self.go(deep(label))
        self.expect(deep(label))

    def expect(self, address: str) -> None:
        if self.client.page.route != address:
            raise RuntimeError(f"{self.name}: shows {self.client.page.route}, not {address}")

    def measure(self, action: Callable[[], None]) -> Sample:
        client, counter = self.client, self.counter
        before = list(client.page.views)
        calls, sent, diffs = counter.calls, client.sent_bytes, DIFFS.count
        started = time.perf_counter()
        action()
        elapsed = time.perf_counter() - started
        new = [v for v in client.page.views if not any(v is old for old in before)]
        bars = sum(1 for view in new if view.navigation_bar is not None)
        sample = Sample(
            elapsed, counter.calls - calls, client.sent_bytes - sent, DIFFS.count - diffs, bars
        )
        client.sent.clear()  # the stand-in's log of messages: not the page's
        return sample

    def push(self) -> Sample:
        """Inside the branch shown: from ``/x/1/2`` one level deeper."""
        sample = self.measure(lambda: self.go(deeper(self.shown)))
        self.expect(deeper(self.shown))
        self.pushes.append(sample)
        return sample

    def pop(self) -> Sample:
        """Back from ``/x/1/2/3`` to ``/x/1/2``."""
        sample = self.measure(lambda: self.go(deep(self.shown)))
        self.expect(deep(self.shown))
        self.pops.append(sample)
        return sample

    def switch(self) -> Sample:
        """Tap Search from Feed, Feed from Search, landing three levels deep."""
        target = "Search" if self.shown == "Feed" else "Feed"
        sample = self.measure(lambda: self.visit(target))
        self.switches.append(sample)
        return sample

    def forget(self) -> None:
        """Drop the samples taken so far (warm-up)."""
        self.pushes.clear()
        self.pops.clear()
        self.switches.clear()

    def close(self) -> None:
        self.client.close()


def open_app(name: str, controls: int, tabs: int = 1) -> App:
    """``name`` on its own client, ``tabs`` tabs opened, Feed shown at ``/feed/1/2``.

    It opens at ``/feed/1/2`` (a deep link), visits the next ``tabs - 1``
    tabs (each three levels deep), taps Feed again, then pushes and pops
    ``WARM_UP`` times, unrecorded.
    """
    counter = Counted(controls)
    plain = None
    if name == FLET:
        plain = PlainFlet(counter)
        client = FletTestClient(route=deep("Feed"), web=False, main=plain.main)
    else:
        keep_state = {KEPT: True, ROOT: False, ALONE: None}[name]
        router = make_router(counter, keep_state=keep_state)
        client = FletTestClient(router, route=deep("Feed"), web=False)
    client.resize(*PHONE)
    app = App(name, client, counter, plain)
    app.expect(deep("Feed"))
    if tabs > 1:
        for label in LABELS[1:tabs]:
            app.visit(label)
        app.visit("Feed")
    for _ in range(WARM_UP):
        app.push()
        app.pop()
    app.forget()
    return app


def open_switching(name: str, controls: int) -> App:
    """``name`` with Feed and Search opened, Feed shown, after ``WARM_UP`` switches."""
    app = open_app(name, controls, tabs=2)
    for _ in range(WARM_UP):
        app.switch()
    app.forget()
    return app


def switch_samples(name: str, controls: int, switches: int) -> list[Sample]:
    """``switches`` switches between Feed and Search, Flet's diff work counted."""
    app = open_switching(name, controls)
    try:
        with DIFFS.installed():
            return [app.switch() for _ in range(switches)]
    finally:
        app.close()


def navigate_round_robin(apps: list[App], rounds: int) -> None:
    """``rounds`` times: a push in every app, then a pop in every app.

    Round-robin, so drift on a shared machine hits every app alike, and the
    new views' control ids (one counter for the process; msgpack writes an
    id in 1, 2, 3 or 5 bytes) are alike in every app.
    """
    for _ in range(rounds):
        for app in apps:
            app.push()
        for app in apps:
            app.pop()


def in_branch_samples(
    apps: list[tuple[str, int]], controls: int, rounds: int
) -> dict[tuple[str, int], App]:
    """Pushes and pops in each ``(name, tabs)`` app, round-robin, Flet's diff work counted.

    The apps are closed; their samples are kept.
    """
    opened = {(name, tabs): open_app(name, controls, tabs) for name, tabs in apps}
    try:
        with DIFFS.installed():
            navigate_round_robin(list(opened.values()), rounds)
    finally:
        for app in opened.values():
            app.close()
    return opened
