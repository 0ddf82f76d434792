"""Components apps: navkit's components mode against ``ft.Router`` and navkit's imperative mode.

The same five-level app three ways (``/``, ``/a``, ``/a/:b``, ``/a/:b/c``,
``/a/:b/c/:d``; each level a titled view holding 100 rows, a counter and its
"Add" button):

* **ft.Router** -- Flet's own declarative router, ``manage_views=True``,
  rendered with ``page.render_views(App)``; each level an ``@ft.component``
  returning its ``ft.View`` (route from ``ft.use_view_path()``), the counter
  in ``ft.use_state``;
* **navkit components** -- the same components as navkit views, rendered with
  ``page.render_views(navkit.Views, router)``;
* **navkit imperative** -- view functions returning controls; the counter is
  a ``Text`` its button changes (``router.attach``).

On navkit.testing's stand-in for Flet's client (a real ``ft.Page``, every
message msgpack-encoded as Flet's transports do; every navigation goes
through the client's round trip), three navigations as in
``bench_navigation``: push one level, change the top level's parameter, pop
one level (the user's AppBar back arrow). Printed: bytes sent, time and
renders (component bodies or view functions run) per navigation; then
whether a level's state survives, tapped before the three navigations
(``/a``'s counter, kept beneath throughout), and whether a level's state
leaks to another address (``/a/1/c/2``'s counter, after the change to
``/a/1/c/3``).

    python -m benchmarks.bench_components [--rounds 15]
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable
from typing import Any

import flet as ft
from flet.components.component import Component

import navkit
from benchmarks.bench_navigation import DEEP, SHALLOW, Contestant
from benchmarks.common import format_time, markdown_table, warm_up
from navkit.testing import FletTestClient
from navkit.testing.protocol import control_id, views_of

ROWS = 100
LABELS = ("home", "a", "b", "c", "d")


class Renders:
    """Counts component renders (or view-function calls): ``calls``, as Contestant reads it."""

    def __init__(self) -> None:
        self.calls = 0


def rows(label: str) -> list[ft.Control]:
    return [ft.Text(f"{label} row {n}") for n in range(ROWS)]


def counted_component(renders: Renders) -> Callable[..., Any]:
    @ft.component
    def Level(label: str) -> ft.Control:
        renders.calls += 1
        count, set_count = ft.use_state(0)
        return ft.Column(
            [
                ft.Text(f"{label}: {count}"),
                ft.Button(f"Add {label}", on_click=lambda _: set_count(count + 1)),
                *rows(label),
            ]
        )

    return Level


def ft_router_app(renders: Renders) -> Callable[[ft.Page], None]:
    level = counted_component(renders)

    def view(label: str) -> Callable[[], Any]:
        @ft.component
        def LevelView() -> ft.View:
            return ft.View(
                route=ft.use_view_path(),
                appbar=ft.AppBar(title=ft.Text(label.capitalize())),
                controls=[level(label)],
            )

        return LevelView

    def route(path: str, label: str, *children: ft.Route) -> ft.Route:
        return ft.Route(path=path, component=view(label), children=list(children) or None)

    @ft.component
    def App() -> Any:
        tree = route(
            "/",
            "home",
            route("a", "a", route(":b", "b", route("c", "c", route(":d", "d")))),
        )
        return ft.Router([tree], manage_views=True)

    return lambda page: page.render_views(App)


def navkit_router(views: list[Callable[..., Any]]) -> navkit.Router:
    router = navkit.Router()
    for template, label, view in zip(
        ("/", "/a", "/a/:b", "/a/:b/c", "/a/:b/c/:d"), LABELS, views, strict=True
    ):
        router.add_route(template, view, endpoint=label, title=label.capitalize())
    return router


def navkit_components_app(renders: Renders) -> Callable[[ft.Page], None]:
    level = counted_component(renders)

    def view(label: str) -> Callable[..., Any]:
        @ft.component
        def LevelView(**params: Any) -> ft.Control:
            return level(label)

        return LevelView

    router = navkit_router([view(label) for label in LABELS])
    return lambda page: page.render_views(navkit.Views, router)


def navkit_imperative_router(renders: Renders) -> navkit.Router:
    def view(label: str) -> Callable[..., Any]:
        def build(**params: Any) -> list[ft.Control]:
            renders.calls += 1
            count = ft.Text(f"{label}: 0")

            def add(_: Any) -> None:
                count.value = f"{label}: {int(count.value.split(': ')[1]) + 1}"  # type: ignore[union-attr]
                count.update()

            return [ft.Column([count, ft.Button(f"Add {label}", on_click=add), *rows(label)])]

        return build

    return navkit_router([view(label) for label in LABELS])


def walk(control: Any) -> list[Any]:
    found, stack = [], [control]
    while stack:
        current = stack.pop()
        if isinstance(current, Component):
            stack.append(current._b)
            continue
        if isinstance(current, list):
            stack.extend(current)
            continue
        found.append(current)
        content = getattr(current, "content", None)
        if content is not None and not isinstance(content, str):
            stack.append(content)
        stack.extend(getattr(current, "controls", None) or [])
    return found


def counter_of(client: FletTestClient, route: str) -> str:
    """The counter text the view at ``route`` shows."""
    view = next(v for v in views_of(client.page) if v.route == route)
    label = LABELS[len([p for p in route.split("/") if p])]
    return next(
        str(c.value)
        for c in walk(view)
        if isinstance(c, ft.Text) and str(c.value).startswith(f"{label}: ")
    )


def tap_add(client: FletTestClient, route: str) -> None:
    view = next(v for v in views_of(client.page) if v.route == route)
    button = next(c for c in walk(view) if isinstance(c, ft.Button) and c.content.startswith("Add"))
    client.loop.run_until_complete(client.session.dispatch_event(control_id(button), "click", None))
    client.settle()


def contestants() -> list[Contestant]:
    found = []
    for name, make in (
        ("ft.Router", lambda r: (None, ft_router_app(r))),
        ("navkit components", lambda r: (None, navkit_components_app(r))),
        ("navkit imperative", lambda r: (navkit_imperative_router(r), None)),
    ):
        renders = Renders()
        router, main = make(renders)
        client = FletTestClient(router, route=SHALLOW, web=False, main=main)
        client.settle()

        def push(route: str, client: FletTestClient = client) -> None:
            client.call(client.page.push_route, route)

        found.append(Contestant(name, client, renders, push=push, pop=client.app_bar_back))  # type: ignore[arg-type]
    return found


def state_rows(apps: list[Contestant]) -> list[list[str]]:
    """Whether a kept level keeps its state, and whether a level's leaks to another address."""
    results = []
    for app in apps:
        client = app.client
        tap_add(client, "/a")
        app.cycle()  # push, change, pop: /a stays beneath throughout
        kept = counter_of(client, "/a") == "a: 1"
        client.call(client.page.push_route, DEEP)
        client.settle()
        tap_add(client, DEEP)
        client.call(client.page.push_route, "/a/1/c/3")
        client.settle()
        leaked = counter_of(client, "/a/1/c/3") != "d: 0"
        client.app_bar_back()
        results.append(
            [app.name, "yes" if kept else "no", "yes (/a/1/c/2's count)" if leaked else "no"]
        )
    return results


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
        for app in apps:  # round-robin: drift hits all alike
            app.cycle()

    table, medians = [], {}
    for kind, label in (
        ("push", "push one level"),
        ("pop", "pop one level"),
        ("change", "change top parameter"),
    ):
        for app in apps:
            samples = app.samples[kind]
            seconds = statistics.median(s[0] for s in samples)
            renders = statistics.median(s[1] for s in samples)
            sent = statistics.median(s[2] for s in samples)
            medians[app.name, kind] = (seconds, sent)
            table.append([label, app.name, f"{renders:g}", f"{sent:,.0f}", format_time(seconds)])
    print(f"### Five levels, {ROWS} rows per view (median of {args.rounds})\n")
    print(markdown_table(["navigation", "app", "renders", "bytes sent", "time"], table))
    ratios = []
    for kind in ("push", "pop", "change"):
        ours = medians["navkit components", kind]
        peer, imperative = medians["ft.Router", kind], medians["navkit imperative", kind]
        ratios.append(
            [
                kind,
                f"{ours[1] / max(peer[1], 1):.2f}",
                f"{ours[0] / peer[0]:.2f}",
                f"{ours[1] / max(imperative[1], 1):.2f}",
                f"{ours[0] / imperative[0]:.2f}",
            ]
        )
    print("\n### navkit components / peer (below 1: navkit components costs less)\n")
    header = [
        "navigation",
        "bytes / ft.Router",
        "time / ft.Router",
        "bytes / imperative",
        "time / imperative",
    ]
    print(markdown_table(header, ratios))
    print("\n### State\n")
    print(
        markdown_table(
            ["app", "a kept level keeps its state", "a level's state leaks to another address"],
            state_rows(apps),
        )
    )
    for app in apps:
        app.client.close()


if __name__ == "__main__":
    main()
