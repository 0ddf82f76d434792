"""The store example -- Home, Store, Item -- written as Flet's routing docs teach.

No navkit: ``page.on_route_change`` clears ``page.views`` and builds a
``ft.View`` with an ``AppBar`` for every level of the route, links call
``page.push_route``, and ``page.on_view_pop`` removes the top view and pushes
the route of the one beneath. The headings and button texts are the store
example's, so the same browser steps drive both (``benchmarks.bench_failover``).

    python -m benchmarks.plain_store --port 8551
"""

from __future__ import annotations

import argparse
import os
from typing import Any

import flet as ft

PRODUCTS = {1: "Teapot", 2: "Kettle", 42: "Espresso machine"}


def main(page: ft.Page) -> None:
    page.title = "plain Flet: store"

    def go(route: str) -> Any:
        async def handler(event: ft.Event[ft.Button]) -> None:
            await page.push_route(route)

        return handler

    def route_change(event: ft.RouteChangeEvent | None = None) -> None:
        page.views.clear()
        page.views.append(
            ft.View(
                route="/",
                controls=[
                    ft.AppBar(title=ft.Text("Home")),
                    ft.Text("Welcome to the store example."),
                    ft.Button("Visit Store", on_click=go("/store")),
                ],
            )
        )
        route = ft.TemplateRoute(page.route)
        if route.match("/store") or route.match("/store/:item_id"):
            page.views.append(
                ft.View(
                    route="/store",
                    controls=[
                        ft.AppBar(title=ft.Text("Store")),
                        *(
                            ft.Button(name, on_click=go(f"/store/{i}"))
                            for i, name in PRODUCTS.items()
                        ),
                    ],
                )
            )
        if route.match("/store/:item_id"):
            item_id = str(getattr(route, "item_id", ""))  # set by match()
            name = PRODUCTS.get(int(item_id)) if item_id.isdigit() else None
            page.views.append(
                ft.View(
                    route=page.route,
                    controls=[
                        ft.AppBar(title=ft.Text("Item")),
                        ft.Text(name or "There is no such product.", size=24),
                    ],
                )
            )
        page.update()

    async def view_pop(event: ft.ViewPopEvent) -> None:
        if event.view is not None:
            page.views.remove(event.view)
            await page.push_route(page.views[-1].route or "/")

    page.on_route_change = route_change
    page.on_view_pop = view_pop
    route_change()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m benchmarks.plain_store")
    parser.add_argument("--port", type=int, default=8551)
    parser.add_argument("--strategy", choices=["path", "hash"], default="path")
    args = parser.parse_args()
    os.environ.setdefault("FLET_FORCE_WEB_SERVER", "true")  # serve; do not open a browser
    print(f"plain Flet store: http://127.0.0.1:{args.port}/", flush=True)
    ft.run(
        main,
        host="127.0.0.1",
        port=args.port,
        view=ft.AppView.WEB_BROWSER,
        no_cdn=True,
        route_url_strategy=ft.RouteUrlStrategy(args.strategy),
    )
