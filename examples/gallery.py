"""The demo ``make demo`` serves: one page linking to every example.

Each example is a blueprint, registered here under its own prefix -- the
shop's product 3 is at /shop/products/3 -- so the whole gallery is one app
with one router: deep links, the browser's Back and the AppBar back arrow
work across it, and every stack starts at this index page -- but the tabs
example's: an app shell's tabs are the bottoms of their own stacks, so the
browser's Back (or the address bar) leads out of it.

The last three are Flet's router cookbook samples ported to navkit, with
views written as ``@ft.component`` functions (``examples/components/``):
here they run beside imperative views; alone, ``python -m
examples.components.<name>`` serves each as a components app.

Run: ``python -m examples.gallery`` and open http://127.0.0.1:8550/.
"""

from __future__ import annotations

import flet as ft

import navkit
from examples import auth, deeplinks, loading, notes, shop, store, tabs, unsaved
from examples.components import products, signin, workspace

# (prefix, blueprint, where to start, what it shows)
EXAMPLES = [
    ("/store", store.blueprint, "store.item", {"item_id": 42}, "Home, Store, Item: a deep link"),
    ("/shop", shop.blueprint, "shop.products", {"sort": "price"}, "Typed parameters, url_for, 404"),
    ("/auth", auth.blueprint, "auth.account", {}, "A guard, login and next"),
    ("/deeplinks", deeplinks.blueprint, "deeplinks.library", {}, "Three levels, shareable links"),
    ("/loading", loading.blueprint, "loading.home", {}, "An async view; leave while it loads"),
    ("/unsaved", unsaved.blueprint, "unsaved.edit", {}, "Asks before losing your edits"),
    ("/notes", notes.blueprint, "notes.notes", {}, "Loaders, preloading links, typed query"),
    ("/tabs", tabs.shell, "tabs.feed.home", {}, "An app shell: a bar or rail, one stack per tab"),
    # Flet's router cookbook, views as @ft.component (examples/components/).
    ("/signin", signin.blueprint, "signin.dashboard", {}, "Components: a guard before render"),
    (
        "/products",
        products.blueprint,
        "products.product",
        {"product_id": 2},
        "Components: async loaders, typed params, hooks",
    ),
    (
        "/workspace",
        workspace.shell,
        "workspace.projects.project",
        {"project_id": 2},
        "Components: a shell keeping each tab's state",
    ),
]

router = navkit.Router()
for prefix, blueprint, *_ in EXAMPLES:
    router.register_blueprint(blueprint, url_prefix=prefix)


@router.route("/", title="navkit examples")
def index(nav: navkit.Navigator) -> list[ft.Control]:
    rows: list[ft.Control] = [ft.Text("Each example is a blueprint of this one app.")]
    for prefix, _, endpoint, values, what in EXAMPLES:
        rows.append(
            ft.Row(
                [
                    ft.Button(
                        prefix.strip("/"),
                        on_click=lambda _, e=endpoint, v=values: nav.go(e, **v),
                    ),
                    ft.Text(what),
                ]
            )
        )
    return rows


def main(page: ft.Page) -> None:
    page.title = "navkit examples"


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, main, name="gallery")
