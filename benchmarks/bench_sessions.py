"""Many pages on one process: navigations per second, and navkit's memory per page.

1,000 browser tabs of one app on one router and one event loop, each
visitor doing 100 random navigations (links, browser Back/Forward, the
AppBar back arrow), all interleaved -- the workload of
``tests/test_sessions.py``. Side by side: the same app written as Flet's
docs teach (``on_route_change`` clears ``page.views`` and rebuilds every
level; links call ``page.push_route``). Both run on navkit.testing's
stand-in for Flet's client, so Flet's own diffing and encoding are in the
figures.

    python -m benchmarks.bench_sessions [--pages 1000] [--steps 100]
"""

from __future__ import annotations

import argparse
import asyncio
import time

import flet as ft

from benchmarks.common import classic_view_pop, markdown_table, warm_up
from benchmarks.sessions import (
    App,
    NavkitApp,
    make_router,
    navkit_state_per_page,
    open_pages,
    run_all,
)
from navkit.testing import FletTestClient


class ClassicApp:
    """The route-change handler of Flet's routing docs, on the same routes."""

    def main(self, page: ft.Page) -> None:
        def route_change(event: object = None) -> None:
            parts = [part for part in (page.route or "/").split("/") if part]
            page.views.clear()
            page.views.append(_view("/", "Home", "home"))
            if len(parts) >= 2:
                uid = parts[1]
                page.views.append(_view(f"/u/{uid}", "User", f"user {uid}"))
            if len(parts) >= 4:
                base = f"/u/{parts[1]}/items/{parts[3]}"
                page.views.append(_view(base, "Item", f"user {parts[1]} item {parts[3]}"))
            if len(parts) >= 5:
                page.views.append(_view(base + "/reviews", "Reviews", "reviews"))
            page.update()

        page.on_route_change = route_change
        page.on_view_pop = classic_view_pop(page)
        route_change()

    async def go(self, client: FletTestClient, endpoint: str, values: dict[str, int]) -> None:
        address = f"/u/{values['uid']}"
        if endpoint != "user":
            address += f"/items/{values['item']}"
        if endpoint == "reviews":
            address += "/reviews"
        await client.page.push_route(address)

    async def pop(self, client: FletTestClient) -> None:
        if len(client.page.views) > 1:
            await client.act("app_bar_back")


def _view(route: str, title: str, text: str) -> ft.View:
    built_for = ft.context.page.session.id
    return ft.View(
        route=route,
        appbar=ft.AppBar(title=ft.Text(title)),
        controls=[ft.Text(text, data=built_for)],
    )


def measure(
    clients: list[FletTestClient], steps: int, loop: asyncio.AbstractEventLoop, app: App
) -> tuple[float, int]:
    """Wall time of every page's visit, interleaved, and the bytes sent; closes the pages."""
    started = time.perf_counter()
    run_all(clients, steps, loop, app=app)
    elapsed = time.perf_counter() - started
    sent = sum(client.sent_bytes for client in clients)
    for client in clients:
        client.close()
    return elapsed, sent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1_000)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--memory-pages", type=int, default=50)
    args = parser.parse_args(argv)
    warm_up()
    total = args.pages * args.steps
    rows = []
    results = {}
    classic = ClassicApp()
    for name, app in (("navkit", NavkitApp()), ("classic handler", classic)):
        loop = asyncio.new_event_loop()
        if app is classic:
            clients = [
                FletTestClient(route=f"/u/{uid}", loop=loop, main=classic.main)
                for uid in range(args.pages)
            ]
        else:
            clients = open_pages(make_router(), args.pages, loop)
        elapsed, sent = measure(clients, args.steps, loop, app)
        loop.close()
        results[name] = elapsed
        rows.append(
            [
                name,
                f"{total:,}",
                f"{elapsed:.1f} s",
                f"{total / elapsed:,.0f}",
                f"{sent / total:,.0f}",
            ]
        )
    print(f"### {args.pages:,} pages x {args.steps} navigations, one event loop\n")
    print(
        markdown_table(
            ["app", "navigations", "wall time", "navigations/s", "bytes sent / navigation"], rows
        )
    )
    print(f"\nclassic / navkit time: {results['classic handler'] / results['navkit']:.2f}x")
    per_page = navkit_state_per_page(args.memory_pages, args.steps)
    print(
        f"\nnavkit state per idle page after {args.steps} navigations "
        f"(tracemalloc, {args.memory_pages} pages, views excluded): {per_page / 1024:.1f} KiB"
    )


if __name__ == "__main__":
    main()
