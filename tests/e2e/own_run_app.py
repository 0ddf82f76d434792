"""An existing Flet app that serves itself with ``ft.run(main)`` -- not ``navkit.run``
-- and attaches navkit inside its own ``main``, as Flet's docs teach.

Its "Go back" button calls ``nav.back()`` ("Back" is the AppBar arrow's name).
Its own ``page.on_route_change`` keeps every route it is told about, shown at
the bottom of every view as "App saw: <event.route> <page.route> | ...".

Run: ``python -m tests.e2e.own_run_app --port N [--strategy path|hash]
[--handler after|before]`` (``--handler``: whether ``main`` sets its handler
after ``router.attach(page)``, the default, or before it).
"""

from __future__ import annotations

import argparse
import os

import flet as ft

import navkit

HOST = "127.0.0.1"
ITEMS = {1: "Teapot", 2: "Kettle", 42: "Espresso machine"}
SEEN_PREFIX = "App saw:"

router = navkit.Router()


@router.route("/", title="Home")
def home(nav: navkit.Navigator) -> list[ft.Control]:
    return [
        ft.Text("Welcome."),
        ft.Button("Visit Store", on_click=lambda _: nav.go("store")),
        ft.Button("Go back", on_click=lambda _: nav.back()),
    ]


@router.route("/store", title="Store")
def store(nav: navkit.Navigator) -> list[ft.Control]:
    return [
        *(
            ft.Button(name, on_click=lambda _, item_id=item_id: nav.go("item", item_id=item_id))
            for item_id, name in ITEMS.items()
        ),
        ft.Button("Go back", on_click=lambda _: nav.back()),
    ]


@router.route("/store/:item_id", title="Item")
def item(nav: navkit.Navigator, item_id: int) -> list[ft.Control]:
    return [
        ft.Text(ITEMS.get(item_id, f"Item {item_id}"), size=24),
        ft.Button("Replace with item 2", on_click=lambda _: nav.replace("item", item_id=2)),
        ft.Button("Go back", on_click=lambda _: nav.back()),
    ]


def make_main(strategy: str, handler: str):  # type: ignore[no-untyped-def]
    def main(page: ft.Page) -> None:
        page.title = "own ft.run app"
        if handler == "after":
            router.attach(page, strategy=strategy)  # type: ignore[arg-type]

        seen: list[str] = []
        label = ft.Text(SEEN_PREFIX, left=10, bottom=10, size=12)
        page.overlay.append(label)

        def route_change(event: ft.RouteChangeEvent) -> None:
            seen.append(f"{event.route} {page.route}")
            label.value = f"{SEEN_PREFIX} " + " | ".join(seen)
            print(f"APP ROUTE: event={event.route} page={page.route}", flush=True)
            page.update()

        page.on_route_change = route_change
        if handler == "before":
            router.attach(page, strategy=strategy)  # type: ignore[arg-type]
        page.update()

    return main


def cli() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.e2e.own_run_app")
    parser.add_argument("--port", type=int, default=8550)
    parser.add_argument("--strategy", choices=["path", "hash"], default="path")
    parser.add_argument(
        "--handler",
        choices=["after", "before"],
        default="after",
        help="set the app's on_route_change after router.attach(page) (default) or before it",
    )
    args = parser.parse_args()
    os.environ["FLET_FORCE_WEB_SERVER"] = "true"  # serve; do not open a browser
    print(f"own ft.run app: http://{HOST}:{args.port}/", flush=True)
    ft.run(
        make_main(args.strategy, args.handler),
        host=HOST,
        port=args.port,
        view=ft.AppView.WEB_BROWSER,
        no_cdn=True,
        route_url_strategy=(
            ft.RouteUrlStrategy.HASH if args.strategy == "hash" else ft.RouteUrlStrategy.PATH
        ),
    )


if __name__ == "__main__":
    cli()
