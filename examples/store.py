"""The two-page example from Flet's routing docs -- Home, Store, Item -- on navkit.

The view stack is a function of the route: open /store/42 and the AppBar's
back arrow goes to Store, then Home. Links are built from endpoints with
``url_for``; views of unchanged levels are reused. The store's pages are a
blueprint with ``url_prefix="/store"`` and Home is the app's own route, so
the gallery registers the blueprint as it is: its item 42 is at /store/42
there too, under the gallery's home.

Run: ``python -m examples.store`` and open http://127.0.0.1:8550/store/42.
"""

from __future__ import annotations

import flet as ft

import navkit
from examples import _theme

PRODUCTS = {1: "Teapot", 2: "Kettle", 42: "Espresso machine"}
ICONS = {1: ft.Icons.EMOJI_FOOD_BEVERAGE, 2: ft.Icons.COFFEE_MAKER, 42: ft.Icons.COFFEE}

# The store's own pages live under /store; Home is the app's (the gallery has its own).
blueprint = navkit.Blueprint("store", url_prefix="/store")
router = navkit.Router()


def link(
    nav: navkit.Navigator,
    text: str,
    endpoint: str,
    icon: ft.IconData | None = None,
    **values: object,
) -> ft.Button:
    """A button that navigates to ``endpoint``."""
    return ft.FilledTonalButton(text, icon=icon, on_click=lambda _: nav.go(endpoint, **values))


def history_buttons(nav: navkit.Navigator) -> ft.Control:
    """``nav.back()`` and ``nav.forward()``: the browser's own Back and Forward, in a browser."""
    return ft.Row(
        [
            ft.TextButton("Previous page", icon=ft.Icons.UNDO, on_click=lambda _: nav.back()),
            ft.TextButton("Following page", icon=ft.Icons.REDO, on_click=lambda _: nav.forward()),
        ],
        wrap=True,
    )


@router.route("/", title="Home")
def home(nav: navkit.Navigator) -> list[ft.Control]:
    return [
        ft.Icon(ft.Icons.STOREFRONT, size=64, color=ft.Colors.PRIMARY),
        ft.Text("Welcome to the store example.", theme_style=ft.TextThemeStyle.TITLE_LARGE),
        link(nav, "Visit Store", "store.store", icon=ft.Icons.ARROW_FORWARD),
        history_buttons(nav),
    ]


@blueprint.route("/", title="Store")
def store(nav: navkit.Navigator, sort: str = "name") -> list[ft.Control]:
    items = sorted(PRODUCTS.items(), key=lambda item: item[1] if sort == "name" else item[0])
    return [
        ft.Text(f"Sorted by {sort}", theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        *(
            link(nav, name, "store.item", icon=ICONS[item_id], item_id=item_id)
            for item_id, name in items
        ),
        ft.Row(
            [
                ft.OutlinedButton(
                    "Sort by number",
                    icon=ft.Icons.SORT,
                    on_click=lambda _: nav.go("store.store", sort="number"),
                ),
                ft.OutlinedButton("Go Home", icon=ft.Icons.HOME, on_click=lambda _: nav.go("/")),
            ],
            wrap=True,
        ),
        history_buttons(nav),
    ]


@blueprint.route("/:item_id", title="Item")
def item(nav: navkit.Navigator, item_id: int) -> list[ft.Control]:
    name = PRODUCTS.get(item_id)
    if name is None:
        navkit.abort(404, f"There is no product {item_id}.")
    other = 2 if item_id != 2 else 1
    return [
        ft.Container(
            ft.Icon(ICONS[item_id], size=72, color=ft.Colors.ON_SECONDARY_CONTAINER),
            bgcolor=ft.Colors.SECONDARY_CONTAINER,
            border_radius=16,
            width=160,
            height=120,
            alignment=ft.Alignment.CENTER,
        ),
        ft.Text(name, size=24),
        ft.Text(f"Address: {nav.href('store.item', item_id=item_id)}"),
        ft.Row(
            [
                ft.FilledTonalButton(
                    f"Replace with {PRODUCTS[other]}",
                    icon=ft.Icons.SWAP_HORIZ,
                    on_click=lambda _: nav.replace("store.item", item_id=other),
                ),
                ft.OutlinedButton(
                    "Back to Home", icon=ft.Icons.HOME, on_click=lambda _: nav.pop_until("/")
                ),
            ],
            wrap=True,
        ),
        history_buttons(nav),
    ]


router.register_blueprint(blueprint)


def main(page: ft.Page) -> None:
    page.title = "navkit: store"
    _theme.apply(page)


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, main, name="store", start="/store/42")
