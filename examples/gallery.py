"""The demo ``make demo`` serves: a home page of cards, one per example app.

Each example is a blueprint, registered here under its own prefix -- the
shop's product 3 is at /shop/products/3 -- so the whole gallery is one app
with one router: deep links, the browser's Back and the AppBar back arrow
work across it, and every stack starts at this home page -- but the social
app's: an app shell's tabs are the bottoms of their own stacks, so the
browser's Back (or the address bar) leads out of it.

The last three are Flet's router cookbook samples ported to navkit, with
views written as ``@ft.component`` functions (``examples/components/``):
here they run beside imperative views; alone, ``python -m
examples.components.<name>`` serves each as a components app.

The home page is a responsive grid (one column on a phone, four on a wide
window) with a light/dark switch in its AppBar; every page shares the
Material 3 theme set in ``main`` (``examples/_theme.py``).

Run: ``python -m examples.gallery`` and open http://127.0.0.1:8550/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import flet as ft

import navkit
from examples import _theme, auth, deeplinks, loading, notes, shop, store, tabs, unsaved
from examples.components import products, signin, workspace


@dataclass(frozen=True)
class Example:
    """One card: where the example lives, where its card leads, what it shows."""

    title: str
    icon: ft.IconData
    colour: str
    blurb: str
    shows: str
    prefix: str | None  # None: the blueprint's own url_prefix
    blueprint: navkit.Blueprint
    endpoint: str
    values: dict[str, Any] = field(default_factory=dict)


APPS = [
    Example(
        "Tea shop",
        ft.Icons.STOREFRONT,
        ft.Colors.ORANGE,
        "Browse teaware with pictures, add to a cart, check out.",
        "Typed path and query parameters, url_for, a not-found page",
        "/shop",
        shop.blueprint,
        "shop.products",
    ),
    Example(
        "Notes",
        ft.Icons.STICKY_NOTE_2_OUTLINED,
        ft.Colors.AMBER,
        "Write, search and sort notes kept by a small JSON API.",
        "Loaders, links that preload, typed query, fresh data after a save",
        "/notes",
        notes.blueprint,
        "notes.notes",
    ),
    Example(
        "Members' area",
        ft.Icons.LOCK_OUTLINE,
        ft.Colors.INDIGO,
        "An account page that asks visitors to log in first.",
        "A guard, a redirect to the login page and back to next",
        "/auth",
        auth.blueprint,
        "auth.account",
    ),
    Example(
        "Social",
        ft.Icons.FORUM_OUTLINED,
        ft.Colors.PINK,
        "A feed, search and a profile, each tab with its own pages.",
        "An app shell: a bar or a rail, one stack per tab",
        "/social",
        tabs.shell,
        "tabs.feed.home",
    ),
    Example(
        "Kitchen store",
        ft.Icons.COFFEE_MAKER_OUTLINED,
        ft.Colors.BROWN,
        "Flet's routing docs example: Home, Store, Item.",
        "A deep link opens the whole stack; Back, Forward, replace",
        None,
        store.blueprint,
        "store.item",
        {"item_id": 42},
    ),
    Example(
        "Library",
        ft.Icons.MENU_BOOK_OUTLINED,
        ft.Colors.GREEN,
        "Books and chapters, every page with a link to share.",
        "Three levels from one address",
        "/library",
        deeplinks.blueprint,
        "deeplinks.chapter",
        {"book_id": 2, "chapter": 3},
    ),
    Example(
        "Reports",
        ft.Icons.INSIGHTS,
        ft.Colors.BLUE,
        "A sales report that takes its time to load.",
        "An async view, a progress bar; leave while it loads",
        "/reports",
        loading.blueprint,
        "loading.home",
    ),
    Example(
        "Profile editor",
        ft.Icons.EDIT_NOTE,
        ft.Colors.DEEP_PURPLE,
        "A form that asks before your edits are lost.",
        "A leave check on every kind of back",
        "/editor",
        unsaved.blueprint,
        "unsaved.edit",
    ),
]

# Flet's router cookbook, views as @ft.component (examples/components/).
COMPONENTS = [
    Example(
        "Dashboard",
        ft.Icons.SPACE_DASHBOARD_OUTLINED,
        ft.Colors.CYAN,
        "A protected dashboard behind a sign-in page.",
        "Components: a guard before the render",
        "/signin",
        signin.blueprint,
        "signin.dashboard",
    ),
    Example(
        "Catalog",
        ft.Icons.INVENTORY_2_OUTLINED,
        ft.Colors.LIME,
        "Products loaded from a slow API, with a cart count.",
        "Components: async loaders, typed params, hooks",
        "/products",
        products.blueprint,
        "products.product",
        {"product_id": 2},
    ),
    Example(
        "Workspace",
        ft.Icons.WORK_OUTLINE,
        ft.Colors.BLUE_GREY,
        "Projects and settings in a rail that remembers each tab.",
        "Components: a shell keeping each tab's state",
        "/workspace",
        workspace.shell,
        "workspace.projects.project",
        {"project_id": 2},
    ),
]
EXAMPLES = APPS + COMPONENTS

router = navkit.Router()
for example in EXAMPLES:
    router.register_blueprint(example.blueprint, url_prefix=example.prefix)


def card(nav: navkit.Navigator, example: Example) -> ft.Control:
    """A card for ``example``: a tap opens it."""
    badge = ft.Container(
        ft.Icon(example.icon, color=ft.Colors.WHITE, size=26),
        bgcolor=example.colour,
        border_radius=14,
        width=48,
        height=48,
        alignment=ft.Alignment.CENTER,
    )
    address = nav.href(example.endpoint, **example.values)
    body = ft.Column(
        [
            ft.Row([badge, ft.Text(example.title, theme_style=ft.TextThemeStyle.TITLE_MEDIUM)]),
            ft.Text(example.blurb, theme_style=ft.TextThemeStyle.BODY_MEDIUM),
            ft.Row(
                [
                    ft.Icon(ft.Icons.AUTO_AWESOME, size=16, color=ft.Colors.PRIMARY),
                    ft.Text(
                        example.shows,
                        theme_style=ft.TextThemeStyle.LABEL_MEDIUM,
                        color=ft.Colors.PRIMARY,
                        expand=True,
                    ),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            ft.Text(
                address,
                theme_style=ft.TextThemeStyle.LABEL_SMALL,
                color=ft.Colors.ON_SURFACE_VARIANT,
                font_family="monospace",
            ),
        ],
        spacing=10,
    )
    return ft.Card(
        ft.Container(
            body,
            padding=16,
            height=200,
            ink=True,
            border_radius=12,
            on_click=lambda _: nav.go(example.endpoint, **example.values),
        ),
        col={"xs": 12, "sm": 6, "lg": 4, "xl": 3},
    )


def theme_switch(page: ft.Page) -> ft.IconButton:
    """The AppBar's light/dark switch (``page.theme_mode``)."""

    def looks(button: ft.IconButton) -> None:
        dark = page.theme_mode == ft.ThemeMode.DARK
        name = "Light theme" if dark else "Dark theme"  # what a screen reader says
        icon = ft.Icons.LIGHT_MODE_OUTLINED if dark else ft.Icons.DARK_MODE_OUTLINED
        button.icon = ft.Icon(icon, semantics_label=name)
        button.tooltip = name

    def flip(_: object) -> None:
        dark = page.theme_mode == ft.ThemeMode.DARK
        page.theme_mode = ft.ThemeMode.LIGHT if dark else ft.ThemeMode.DARK
        looks(button)
        page.update()

    button = ft.IconButton(on_click=flip)
    looks(button)
    return button


def section(title: str, text: str) -> ft.Control:
    return ft.Column(
        [
            ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_LARGE),
            ft.Text(text, color=ft.Colors.ON_SURFACE_VARIANT),
        ],
        spacing=2,
    )


@router.route("/", title="navkit gallery")
def index(nav: navkit.Navigator) -> ft.View:
    hero = ft.Container(
        ft.Column(
            [
                ft.Text(
                    "Navigation for Flet apps",
                    theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
                    color=ft.Colors.ON_PRIMARY_CONTAINER,
                ),
                ft.Text(
                    "Every card is a small app with real addresses: deep links, the "
                    "browser's Back and Forward, reloads and shared links all work.",
                    color=ft.Colors.ON_PRIMARY_CONTAINER,
                ),
            ],
            spacing=6,
        ),
        bgcolor=ft.Colors.PRIMARY_CONTAINER,
        border_radius=16,
        padding=20,
    )
    grid = {"spacing": 12, "run_spacing": 12}
    return ft.View(
        appbar=ft.AppBar(
            leading=ft.Icon(ft.Icons.EXPLORE_OUTLINED),
            title=ft.Text("navkit gallery"),
            actions=[theme_switch(nav.page), ft.Container(width=8)],
            bgcolor=ft.Colors.SURFACE_CONTAINER,
        ),
        scroll=ft.ScrollMode.AUTO,
        padding=16,
        spacing=16,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        controls=[
            hero,
            section("Apps", "Each one a blueprint of this gallery's router."),
            ft.ResponsiveRow([card(nav, example) for example in APPS], **grid),
            section(
                "Flet's router cookbook, as components",
                "Views written as @ft.component functions, beside the imperative ones.",
            ),
            ft.ResponsiveRow([card(nav, example) for example in COMPONENTS], **grid),
        ],
    )


def main(page: ft.Page) -> None:
    page.title = "navkit gallery"
    _theme.apply(page)


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, main, name="gallery")
