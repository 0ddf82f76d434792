"""A shop: a blueprint, ``url_for``, typed path and query parameters, a not-found page.

``/products/:product_id`` takes an ``int`` (``/products/abc`` is not found),
``/products?sort=price&page=2`` a ``Literal`` and an ``int`` read from the view's
signature (``?page=x`` is a bad request). The blueprint's own 404 handler
shows the not-found page for every address under it.

Run: ``python -m examples.shop`` and open http://127.0.0.1:8550/products?sort=price.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import flet as ft

import navkit


@dataclass(frozen=True)
class Product:
    id: int
    name: str
    price: int  # in cents


CATALOGUE = [
    Product(1, "Teapot", 2500),
    Product(2, "Kettle", 4000),
    Product(3, "Cups (set of 4)", 1800),
    Product(4, "Tea tin", 900),
    Product(5, "Strainer", 600),
]
PER_PAGE = 3

blueprint = navkit.Blueprint("shop")


@blueprint.route("/", title="Shop")
def home(nav: navkit.Navigator) -> list[ft.Control]:
    return [
        ft.Text("Tea things, sorted as you like."),
        ft.Button("All products", on_click=lambda _: nav.go("shop.products")),
        ft.Button("Cheapest first", on_click=lambda _: nav.go("shop.products", sort="price")),
    ]


@blueprint.route("/products", title="Products")
def products(
    nav: navkit.Navigator, sort: Literal["name", "price"] = "name", page: int = 1
) -> list[ft.Control]:
    ordered = sorted(CATALOGUE, key=lambda p: p.name if sort == "name" else p.price)
    pages = max(1, -(-len(ordered) // PER_PAGE))
    if not 1 <= page <= pages:
        navkit.abort(404, f"There is no page {page}.")
    shown = ordered[(page - 1) * PER_PAGE : page * PER_PAGE]
    controls: list[ft.Control] = [ft.Text(f"Sorted by {sort}, page {page} of {pages}")]
    controls += [
        ft.Button(p.name, on_click=lambda _, p=p: nav.go("shop.product", product_id=p.id))
        for p in shown
    ]
    if page < pages:
        controls.append(
            ft.Button(
                "Next page", on_click=lambda _: nav.go("shop.products", sort=sort, page=page + 1)
            )
        )
    other = "price" if sort == "name" else "name"
    controls.append(
        ft.Button(f"Sort by {other}", on_click=lambda _: nav.go("shop.products", sort=other))
    )
    return controls


@blueprint.route("/products/:product_id", title="Product")
def product(nav: navkit.Navigator, product_id: int) -> list[ft.Control]:
    found = next((p for p in CATALOGUE if p.id == product_id), None)
    if found is None:
        navkit.abort(404, f"There is no product {product_id}.")
    return [
        ft.Text(found.name, size=24),
        ft.Text(f"{found.price / 100:.2f} EUR"),
        ft.Text(f"Link: {nav.href('shop.product', product_id=product_id)}"),
    ]


@blueprint.errorhandler(404)
def not_found(error: navkit.HTTPError) -> list[ft.Control]:
    nav = navkit.navigator_of(ft.context.page)
    return [
        ft.Text(error.description),
        ft.Button("Back to the products", on_click=lambda _: nav.go("shop.products")),
    ]


router = navkit.Router()
router.register_blueprint(blueprint)


def main(page: ft.Page) -> None:
    page.title = "navkit: shop"


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, main, name="shop", start="/products?sort=price")
