"""Flet's "loaders" and "dynamic segments" router samples, with navkit: typed params, async data.

What it gains over the ``ft.Router`` originals:

* **Typed parameters.** ``/products/:product_id`` gives the component an
  ``int``; ``/products/abc`` is a 404 before anything runs. The originals
  hand every view raw strings (``params.get("pid", "?")``).
* **Async loaders, awaited before the render, cancelled when you leave.**
  ``ft.Router``'s loaders are synchronous and run again on every render;
  here the product loads once (kept 30 s), the page shows its own pending
  view while it loads, and leaving early cancels it.
* **A real not-found page.** An unknown product is ``abort(404)`` from the
  loader, not ``{"name": "Unknown", "price": 0}``.
* **Hooks for nested components.** ``navkit.use_loader_data()`` and
  ``navkit.use_params()`` read the level's data and typed parameters
  anywhere below its view; ``navkit.use_query()`` reads and changes the
  typed query (the list's sort order), each change a history entry.
* **``url_for``** and a full stack for a deep link: ``/products/2`` opens
  Products, then the product, with a back arrow.

Run: ``python -m examples.components.products`` and open http://127.0.0.1:8550/products/2.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, Literal

import flet as ft

import navkit

blueprint = navkit.Blueprint("products")

CATALOG = {
    1: {"name": "Widget A", "price": 9.99, "stock": 42},
    2: {"name": "Gadget B", "price": 24.99, "stock": 7},
    3: {"name": "Doohickey C", "price": 4.99, "stock": 100},
}
# Seconds the pretend API takes (the e2e tests leave a product while it loads).
API_DELAY = 0.6


@dataclass(frozen=True)
class Listing:
    """The list's query: ``?sort=price``."""

    sort: Literal["name", "price"] = "name"


async def load_catalog(listing: Listing) -> list[tuple[int, dict[str, Any]]]:
    await asyncio.sleep(0.05)
    return sorted(CATALOG.items(), key=lambda item: item[1][listing.sort])


async def load_product(product_id: int) -> dict[str, Any]:
    await asyncio.sleep(API_DELAY)
    if product_id not in CATALOG:
        navkit.abort(404, f"There is no product {product_id}.")
    return CATALOG[product_id]


def loading_product() -> ft.Control:
    """The product page's own pending view (instead of the page's thin bar)."""
    return ft.Container(
        ft.Row([ft.ProgressRing(width=18, height=18), ft.Text("Loading the product...")]),
        padding=16,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
        border_radius=8,
        top=8,
        right=8,
    )


@blueprint.route("/", title="Products", endpoint="products", loader=load_catalog)
@ft.component
def Products(data: list[tuple[int, dict[str, Any]]], listing: Listing) -> ft.Control:
    nav = navkit.use_navigator()
    _, set_query = navkit.use_query()
    other = "price" if listing.sort == "name" else "name"
    return ft.Column(
        [
            ft.FilledTonalButton(
                f"Sort by {other}", icon=ft.Icons.SORT, on_click=lambda _: set_query(sort=other)
            ),
            *[
                ft.Row(
                    [
                        ft.Button(
                            product["name"],
                            icon=ft.Icons.INVENTORY_2_OUTLINED,
                            on_click=lambda _, p=product_id: nav.go(
                                "products.product", product_id=p
                            ),
                        ),
                        ft.Text(f"${product['price']:.2f}"),
                    ]
                )
                for product_id, product in data
            ],
        ]
    )


@blueprint.route(
    "/:product_id",
    title="Product",
    endpoint="product",
    loader=load_product,
    stale_time=30,
    pending=loading_product,
)
@ft.component
def Product(product_id: int, data: dict[str, Any]) -> ft.Control:
    in_cart, set_in_cart = ft.use_state(0)
    return ft.Column(
        [
            ft.Text(data["name"], size=24),
            Stock(),
            ft.Text(f"Product {product_id} ({type(product_id).__name__}), {in_cart} in the cart"),
            ft.FilledButton(
                "Add to cart",
                icon=ft.Icons.ADD_SHOPPING_CART,
                on_click=lambda _: set_in_cart(in_cart + 1),
            ),
        ]
    )


@ft.component
def Stock() -> ft.Control:
    """A nested component: the level's data and parameters through navkit's hooks."""
    product = navkit.use_loader_data()
    params = navkit.use_params()
    where = f"#{params['product_id']}"
    return ft.Text(f"${product['price']:.2f}, {product['stock']} in stock ({where})")


router = navkit.Router()
router.register_blueprint(blueprint, url_prefix="/products")
router.add_route("/", endpoint="start", redirect_to="products.products")


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, None, name="components.products", start="/products/2")
