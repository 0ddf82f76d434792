"""The two-page example from Flet's routing docs -- Home, Store, Item -- on navkit.

The view stack is a function of the route: open /store/42 and the AppBar's
back arrow goes to Store, then Home. Links are built from endpoints with
``url_for``; views of unchanged levels are reused.

Run: ``python -m examples.store`` and open http://127.0.0.1:8550/store/42.
"""

from __future__ import annotations

import flet as ft

import navkit

PRODUCTS = {1: "Teapot", 2: "Kettle", 42: "Espresso machine"}

blueprint = navkit.Blueprint("store")


def link(nav: navkit.Navigator, text: str, endpoint: str, **values: object) -> ft.Button:
    """A button that navigates to ``endpoint``."""
    return ft.Button(text, on_click=lambda _: nav.go(endpoint, **values))


def history_buttons(nav: navkit.Navigator) -> list[ft.Control]:
    """``nav.back()`` and ``nav.forward()``: the browser's own Back and Forward, in a browser."""
    return [
        ft.Button("Previous page", on_click=lambda _: nav.back()),
        ft.Button("Following page", on_click=lambda _: nav.forward()),
    ]


@blueprint.route("/", title="Home")
def home(nav: navkit.Navigator) -> list[ft.Control]:
    return [
        ft.Text("Welcome to the store example."),
        link(nav, "Visit Store", "store.store"),
        *history_buttons(nav),
    ]


@blueprint.route("/store", title="Store")
def store(nav: navkit.Navigator, sort: str = "name") -> list[ft.Control]:
    items = sorted(PRODUCTS.items(), key=lambda item: item[1] if sort == "name" else item[0])
    return [
        ft.Text(f"Sorted by {sort}"),
        *(link(nav, name, "store.item", item_id=item_id) for item_id, name in items),
        link(nav, "Sort by number", "store.store", sort="number"),
        link(nav, "Go Home", "store.home"),
        *history_buttons(nav),
    ]


@blueprint.route("/store/:item_id", title="Item")
def item(nav: navkit.Navigator, item_id: int) -> list[ft.Control]:
    name = PRODUCTS.get(item_id)
    if name is None:
        navkit.abort(404, f"There is no product {item_id}.")
    other = 2 if item_id != 2 else 1
    return [
        ft.Text(name, size=24),
        ft.Text(f"Address: {nav.href('store.item', item_id=item_id)}"),
        ft.Button(
            f"Replace with {PRODUCTS[other]}",
            on_click=lambda _: nav.replace("store.item", item_id=other),
        ),
        ft.Button("Back to Home", on_click=lambda _: nav.pop_until("store.home")),
        *history_buttons(nav),
    ]


router = navkit.Router()
router.register_blueprint(blueprint)


def main(page: ft.Page) -> None:
    page.title = "navkit: store"


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, main, name="store", start="/store/42")
