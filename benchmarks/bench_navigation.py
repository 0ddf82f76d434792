"""Navigation on a page: navkit against the classic handler Flet's docs teach.

A stack five levels deep (``/``, ``/a``, ``/a/1``, ``/a/1/c``, ``/a/1/c/2``),
each view holding 200 controls. Three navigations: push one level, pop one
level, change the top level's parameter. Both apps run on navkit.testing's
stand-in for Flet's client (a real ``ft.Page``, messages msgpack-encoded as
Flet's transports do), and every navigation goes through the client's
route-change round trip.

The classic app: ``on_route_change`` clears ``page.views`` and rebuilds a
view for every level, ``on_view_pop`` pops and pushes the route beneath.
Both apps show the same views (an AppBar titled as navkit titles it, the
same controls), and both pop the same way: the user taps the AppBar's back
arrow. (Flutter draws that arrow only on a view with an AppBar, and so does
the stand-in: a view without one has no arrow to tap.) After each
navigation, untimed, the benchmark checks that the client shows the route the
navigation was meant to reach, and raises if not.

    python -m benchmarks.bench_navigation [--rounds 15]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import flet as ft

import navkit
from benchmarks.common import classic_view_pop, format_time, markdown_table, warm_up
from navkit.testing import FletTestClient

CONTROLS = 200
DEEP, SHALLOW, SIBLING = "/a/1/c/2", "/a/1/c", "/a/1/c/3"


def controls(label: str) -> list[ft.Control]:
    return [ft.Text(f"{label} row {n}") for n in range(CONTROLS)]


class Counted:
    """Counts view-function calls."""

    def __init__(self) -> None:
        self.calls = 0

    def view(self, label: str) -> list[ft.Control]:
        self.calls += 1
        return controls(label)


def navkit_app(counter: Counted) -> navkit.Router:
    router = navkit.Router()
    router.add_route("/", lambda: counter.view("home"), endpoint="home")
    router.add_route("/a", lambda: counter.view("a"), endpoint="a")
    router.add_route("/a/:b", lambda b: counter.view(f"b{b}"), endpoint="b")
    router.add_route("/a/:b/c", lambda b: counter.view("c"), endpoint="c")
    router.add_route("/a/:b/c/:d", lambda b, d: counter.view(f"d{d}"), endpoint="d")
    return router


# What navkit shows for these levels: the AppBar titles it gives them (their
# endpoints, capitalized) and the labels its view functions give their rows.
TITLES = ("Home", "A", "B", "C", "D")


def classic_label(parts: list[str], depth: int) -> str:
    """The label navkit's view function gives level ``depth`` of the path ``parts``."""
    return ("home", "a", "b", "c", "d")[depth] + (parts[depth - 1] if depth in (2, 4) else "")


def classic_main(counter: Counted) -> Callable[[ft.Page], None]:
    """The route-change handler as Flet's routing docs write it, five levels deep."""

    def main(page: ft.Page) -> None:
        def route_change(event: object = None) -> None:
            page.views.clear()
            parts = [part for part in page.route.split("/") if part]
            prefixes = ["/"] + ["/" + "/".join(parts[: i + 1]) for i in range(len(parts))]
            for depth, prefix in enumerate(prefixes):
                page.views.append(
                    ft.View(
                        route=prefix,
                        # The view navkit shows; without an AppBar there is no
                        # back arrow, and the user cannot pop the view.
                        appbar=ft.AppBar(title=ft.Text(TITLES[depth])),
                        controls=counter.view(classic_label(parts, depth)),
                    )
                )
            page.update()

        page.on_route_change = route_change
        page.on_view_pop = classic_view_pop(page)
        route_change()

    return main


class Contestant:
    """One app on one client, with what each navigation cost."""

    def __init__(
        self,
        name: str,
        client: FletTestClient,
        counter: Counted,
        push: Callable[[str], None],
        pop: Callable[[], None],
    ) -> None:
        self.name, self.client, self.counter = name, client, counter
        self._push, self._pop = push, pop
        self.samples: dict[str, list[tuple[float, int, int]]] = {
            "push": [],
            "pop": [],
            "change": [],
        }

    def measure(self, kind: str, action: Callable[[], None], expected: str) -> None:
        before = self.shown()
        calls, sent = self.counter.calls, self.client.sent_bytes
        started = time.perf_counter()
        action()
        elapsed = time.perf_counter() - started
        self.samples[kind].append(
            (elapsed, self.counter.calls - calls, self.client.sent_bytes - sent)
        )
        self.check(kind, before, expected)

    def shown(self) -> tuple[str, str, str]:
        """The route Python has, the route the client shows, the top view it shows."""
        client = self.client
        return client.page.route, client.client_route, (client.shown_routes or [""])[-1]

    def check(self, kind: str, before: tuple[str, str, str], expected: str) -> None:
        """Raise unless the navigation changed the route shown to ``expected`` (untimed)."""
        after = self.shown()
        if after != (expected,) * 3 or before[1] == expected:
            raise RuntimeError(
                f"{self.name}: {kind} did not move the client from {before[1]!r} to"
                f" {expected!r} (page.route, client route, top view shown:"
                f" {before} before, {after} after)"
            )

    def cycle(self) -> None:
        """push, change, then back to where it started (pop)."""
        self.measure("push", lambda: self._push(DEEP), DEEP)
        self.measure("change", lambda: self._push(SIBLING), SIBLING)
        self.measure("pop", self._pop, SHALLOW)


def contestants() -> list[Contestant]:
    navkit_counter, classic_counter = Counted(), Counted()
    nav_client = FletTestClient(navkit_app(navkit_counter), route=SHALLOW, web=False)
    classic_client = FletTestClient(route=SHALLOW, web=False, main=classic_main(classic_counter))

    def classic_push(route: str) -> None:
        classic_client.call(classic_client.page.push_route, route)

    return [
        # Both pop by the user's AppBar back arrow: the same event, the same views.
        Contestant(
            "navkit", nav_client, navkit_counter, push=nav_client.go, pop=nav_client.app_bar_back
        ),
        Contestant(
            "classic handler",
            classic_client,
            classic_counter,
            push=classic_push,
            pop=classic_client.app_bar_back,
        ),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    warm_up()
    apps = contestants()
    for _ in range(2):  # warm-up cycles
        for app in apps:
            app.cycle()
    for app in apps:
        for samples in app.samples.values():
            samples.clear()
    for _ in range(args.rounds):
        for app in apps:  # round-robin: drift hits both alike
            app.cycle()

    rows = []
    medians: dict[tuple[str, str], tuple[float, float]] = {}
    for kind, label in (
        ("push", "push one level"),
        ("pop", "pop one level"),
        ("change", "change top parameter"),
    ):
        for app in apps:
            samples = app.samples[kind]
            seconds = statistics.median(s[0] for s in samples)
            calls = statistics.median(s[1] for s in samples)
            sent = statistics.median(s[2] for s in samples)
            medians[app.name, kind] = (seconds, sent)
            rows.append([label, app.name, f"{calls:g}", f"{sent:,.0f}", format_time(seconds)])
    print(f"### Five-level stack, {CONTROLS} controls per view (median of {args.rounds})\n")
    print(markdown_table(["navigation", "app", "view calls", "bytes sent", "time"], rows))
    ratio_rows = []
    for kind in ("push", "pop", "change"):
        classic, ours = medians["classic handler", kind], medians["navkit", kind]
        ratio_rows.append(
            [kind, f"{classic[1] / max(ours[1], 1):.1f}x", f"{classic[0] / ours[0]:.1f}x"]
        )
    print("\n### Classic handler / navkit\n")
    print(markdown_table(["navigation", "bytes", "time"], ratio_rows))
    for app in apps:
        app.client.close()


if __name__ == "__main__":
    main()
