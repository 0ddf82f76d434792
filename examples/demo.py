"""The demo ``make demo`` serves: Home → Store → Item on a navkit route table.

Until the navigator lands, this builds the view stack by hand in the
route-change handler, the way Flet's docs teach -- but with navkit doing the
matching (typed parameters, percent-decoding) and ``url_for`` writing every
link. Run: ``python -m examples.demo`` and open http://127.0.0.1:8550.
"""

from __future__ import annotations

import os

import flet as ft

import navkit

HOST, PORT = "127.0.0.1", 8550
PRODUCTS = {1: "Teapot", 2: "Kettle", 42: "Espresso machine"}

router = navkit.Router()


def link(text: str, endpoint: str, **values: object) -> ft.Button:
    """A button that navigates to ``url_for(endpoint, **values)``."""
    address = router.url_for(endpoint, **values)
    return ft.Button(text, on_click=lambda event: event.page.navigate(address))


@router.route("/")
def home() -> list[ft.Control]:
    return [link("Visit the store", "store")]


@router.route("/store")
def store(sort: str = "name") -> list[ft.Control]:
    items = sorted(PRODUCTS.items(), key=lambda item: item[1] if sort == "name" else item[0])
    return [
        ft.Text(f"Sorted by {sort}"),
        *(link(name, "item", item_id=item_id) for item_id, name in items),
        link("Sort by number", "store", sort="number"),
    ]


@router.route("/store/:item_id")
def item(item_id: int) -> list[ft.Control]:
    name = PRODUCTS.get(item_id)
    if name is None:
        return [ft.Text(f"There is no product {item_id}.")]
    return [ft.Text(name, size=24), ft.Text(f"Address: {router.url_for('item', item_id=item_id)}")]


TITLES = {"home": "Home", "store": "Store", "item": "Item"}


def stack_for(route: str) -> list[str]:
    """The prefixes of ``route`` that a route matches: /, /store, /store/42."""
    path = route.partition("?")[0].rstrip("/")
    segments = [segment for segment in path.split("/") if segment]
    prefixes = ["/"] + ["/" + "/".join(segments[: i + 1]) for i in range(len(segments))]
    prefixes[-1] = route  # the top level keeps its query string
    return [prefix for prefix in prefixes if router.match(prefix) is not None] or ["/"]


def main(page: ft.Page) -> None:
    page.title = "navkit demo"

    def build(address: str) -> ft.View:
        match = router.match(address)
        if match is None:
            return ft.View(
                route=address,
                appbar=ft.AppBar(title=ft.Text("Not found")),
                controls=[ft.Text(f"No page lives at {address}.")],
            )
        try:
            controls = match.route.view(**match.view_args())
        except navkit.BadRequest as error:
            controls = [ft.Text(f"Bad request: {error.description}")]
        return ft.View(
            route=match.path,
            appbar=ft.AppBar(title=ft.Text(TITLES[match.endpoint])),
            controls=controls,
        )

    def route_change(event: ft.RouteChangeEvent | None = None) -> None:
        page.views.clear()
        page.views.extend(build(address) for address in stack_for(page.route))
        page.update()

    def view_pop(event: ft.ViewPopEvent) -> None:
        page.views.pop()
        page.navigate(page.views[-1].route or "/")

    page.on_route_change = route_change
    page.on_view_pop = view_pop
    route_change()  # a deep link arrives as page.route, without a route-change event


if __name__ == "__main__":
    os.environ.setdefault("FLET_FORCE_WEB_SERVER", "true")  # serve; do not open a browser
    print(f"navkit demo: http://{HOST}:{PORT}", flush=True)
    ft.run(main, host=HOST, port=PORT, view=ft.AppView.WEB_BROWSER, no_cdn=True)
