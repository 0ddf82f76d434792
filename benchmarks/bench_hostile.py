"""Hostile addresses: navigating to a very long address with thousands of segments.

Someone types (or links to) ``/a/a/a/...``: 20 KB with 10,000 segments,
over ``Router(max_path_length=8192)``, and one just under it with 4,095
segments. Each app runs on navkit.testing's stand-in for Flet's client (a
real ``ft.Page``, messages msgpack-encoded as Flet's transports do); the
address arrives as the browser's route change, as a typed address does.
Timed: from the route change to the page settled (views built, update sent).
Between two timed navigations the page goes back to ``/`` (not timed).

Side by side, on the same routes (``/``, ``/a``, ``/a/:b``, ``/a/:b/c``,
``/a/:b/c/:d``; one control per view):

* navkit;
* the classic handler of ``bench_navigation`` (Flet's routing docs):
  ``on_route_change`` clears ``page.views`` and builds a view for every
  path prefix;
* a classic handler matching ``ft.TemplateRoute`` against each template,
  deepest first, which shows only Home for an address no template matches.

Also timed: navkit's stack building alone (``navkit.navigation.stack``),
without Flet. Target: the 20 KB address in under 10 ms (the one just
under the limit is held to the same).

    python -m benchmarks.bench_hostile [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import flet as ft

import navkit
from benchmarks.common import (
    classic_view_pop,
    compare,
    format_time,
    markdown_table,
    warm_up,
)
from navkit.navigation.stack import build_stack
from navkit.testing import FletTestClient

ADDRESSES = {
    "ordinary (/a/1/c/2)": "/a/1/c/2",
    "20 KB, 10,000 segments": "/a" * 10_000,
    "8,190 chars, 4,095 segments": "/a" * 4_095,
    "8,183 chars, 3 segments": "/a/" + "x" * 8_180,
}
TEMPLATES = ["/", "/a", "/a/:b", "/a/:b/c", "/a/:b/c/:d"]
LENIENT = "20 KB, 10,000 segments, max_path_length=32768"
TARGET = 0.010  # the 20 KB address, per navigation


def view(route: str) -> ft.View:
    return ft.View(route=route, controls=[ft.Text(route[-40:])])


def navkit_router(**options: int) -> navkit.Router:
    router = navkit.Router(**options)
    router.add_route("/", lambda: [ft.Text("home")], endpoint="home")
    router.add_route("/a", lambda: [ft.Text("a")], endpoint="a")
    router.add_route("/a/:b", lambda b: [ft.Text(f"b {b}"[:40])], endpoint="b")
    router.add_route("/a/:b/c", lambda b: [ft.Text("c")], endpoint="c")
    router.add_route("/a/:b/c/:d", lambda b, d: [ft.Text(f"d {d}"[:40])], endpoint="d")
    return router


def per_level_main(page: ft.Page) -> None:
    """``bench_navigation``'s classic handler: a view for every path prefix."""

    def route_change(event: object = None) -> None:
        page.views.clear()
        parts = [part for part in page.route.split("/") if part]
        prefixes = ["/"] + ["/" + "/".join(parts[: i + 1]) for i in range(len(parts))]
        for prefix in prefixes:
            page.views.append(view(prefix))
        page.update()

    page.on_route_change = route_change
    page.on_view_pop = classic_view_pop(page)
    route_change()


def template_route_main(page: ft.Page) -> None:
    """``ft.TemplateRoute`` against each template, deepest first; else Home alone."""

    def route_change(event: object = None) -> None:
        route = ft.TemplateRoute(page.route)
        depth = next((d for d in range(len(TEMPLATES) - 1, 0, -1) if route.match(TEMPLATES[d])), 0)
        b, d = getattr(route, "b", ""), getattr(route, "d", "")
        levels = ["/", "/a", f"/a/{b}", f"/a/{b}/c", f"/a/{b}/c/{d}"][: depth + 1]
        page.views.clear()
        page.views.extend(view(level) for level in levels)
        page.update()

    page.on_route_change = route_change
    page.on_view_pop = classic_view_pop(page)
    route_change()


class Contestant:
    """One app on one client, with each timed navigation's cost."""

    def __init__(self, name: str, client: FletTestClient) -> None:
        self.name, self.client = name, client
        self.samples: dict[str, list[tuple[float, int, int]]] = {label: [] for label in ADDRESSES}

    def navigate(self, label: str) -> None:
        sent = self.client.sent_bytes
        started = time.perf_counter()
        self.client.open(ADDRESSES[label])
        elapsed = time.perf_counter() - started
        views = len(self.client.page.views)
        self.samples[label].append((elapsed, self.client.sent_bytes - sent, views))
        self.client.open("/")  # back home, not timed


def contestants() -> list[Contestant]:
    return [
        Contestant("navkit", FletTestClient(navkit_router(), route="/")),
        Contestant("classic, view per prefix", FletTestClient(route="/", main=per_level_main)),
        Contestant("classic, TemplateRoute", FletTestClient(route="/", main=template_route_main)),
    ]


def stack_only() -> dict[str, float]:
    """navkit's stack for each address, without Flet (median per call).

    Plus the 20 KB address under a limit that lets it through, to show what
    stack building costs on it when ``max_path_length`` does not cut it short.
    """
    router, lenient = navkit_router(), navkit_router(max_path_length=32_768)
    timed: dict[str, Callable[[], object]] = {
        label: (lambda address=address: build_stack(router.table, address))
        for label, address in ADDRESSES.items()
    }
    timed[LENIENT] = lambda: build_stack(lenient.table, ADDRESSES["20 KB, 10,000 segments"])
    return compare(timed, repeats=5)


def ratio(value: float) -> str:
    return f"{value:,.1f}x" if value >= 1 else f"{value:.2f}x"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    warm_up()
    apps = contestants()
    for label in ADDRESSES:  # one warm-up navigation each
        for app in apps:
            app.navigate(label)
            app.samples[label].clear()
    for _ in range(args.rounds):
        for label in ADDRESSES:
            for app in apps:  # round-robin: drift hits all alike
                app.navigate(label)
    rows = []
    medians: dict[tuple[str, str], float] = {}
    for label in ADDRESSES:
        for app in apps:
            samples = app.samples[label]
            seconds = statistics.median(s[0] for s in samples)
            medians[app.name, label] = seconds
            sent = statistics.median(s[1] for s in samples)
            views = statistics.median(s[2] for s in samples)
            rows.append([label, app.name, f"{views:,.0f}", f"{sent:,.0f}", format_time(seconds)])
    print(f"### Typing a hostile address, per navigation (median of {args.rounds})\n")
    print(markdown_table(["address", "app", "views", "bytes sent", "time"], rows))

    stack = stack_only()
    stack_rows = [[label, format_time(seconds)] for label, seconds in stack.items()]
    print("\n### navkit's stack building alone (no Flet), median per call\n")
    print(markdown_table(["address", "time"], stack_rows))

    print("\n### Classic / navkit, time\n")
    classics = [app.name for app in apps if app.name != "navkit"]
    ratio_rows = [
        [label] + [ratio(medians[name, label] / medians["navkit", label]) for name in classics]
        for label in ADDRESSES
    ]
    print(markdown_table(["address", *classics], ratio_rows))
    print()
    for label in ("20 KB, 10,000 segments", "8,190 chars, 4,095 segments"):
        seconds = medians["navkit", label]
        verdict = "met" if seconds < TARGET else "NOT met"
        print(f"Target, {label} under {format_time(TARGET)}: {format_time(seconds)} ({verdict})")
    for app in apps:
        app.client.close()


if __name__ == "__main__":
    main()
