"""A tea shop: a blueprint, ``url_for``, typed path and query parameters, a not-found page.

``/products/:product_id`` takes an ``int`` (``/products/abc`` is not found),
``/products?sort=price&page=2`` a ``Literal`` and an ``int`` read from the view's
signature (``?page=x`` is a bad request). The blueprint's own 404 handler
shows the not-found page for every address under it. ``/cart`` lists what
was added (kept per browser session); the cart button in every AppBar
counts it.

The pictures are drawn from Material icons on coloured tiles: the example
needs no network and no image files.

Run: ``python -m examples.shop`` and open http://127.0.0.1:8550/products?sort=price.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import flet as ft

import navkit
from examples import _theme


@dataclass(frozen=True)
class Product:
    id: int
    name: str
    price: int  # in cents
    icon: ft.IconData
    colour: str  # the picture's tint (a Material colour name)
    blurb: str


CATALOGUE = [
    Product(1, "Teapot", 2500, ft.Icons.EMOJI_FOOD_BEVERAGE, "orange", "Glazed stoneware, 1 l."),
    Product(2, "Kettle", 4000, ft.Icons.COFFEE_MAKER, "blueGrey", "Boils a litre in a minute."),
    Product(3, "Cups (set of 4)", 1800, ft.Icons.COFFEE, "teal", "Thin porcelain, 200 ml."),
    Product(4, "Tea tin", 900, ft.Icons.INVENTORY_2, "green", "Keeps 100 g of leaves dry."),
    Product(5, "Strainer", 600, ft.Icons.FILTER_ALT, "purple", "Fine steel mesh, fits a cup."),
]
PER_PAGE = 3

blueprint = navkit.Blueprint("shop")


def euros(cents: int) -> str:
    return f"{cents / 100:.2f} EUR"


def find(product_id: int) -> Product | None:
    return next((p for p in CATALOGUE if p.id == product_id), None)


# -- the cart: product id -> quantity, kept per browser session -------------------


def cart(page: ft.Page) -> dict[int, int]:
    """This session's cart (created empty on first use)."""
    found: dict[int, int] | None = page.session.store.get("shop.cart")
    if found is None:
        found = {}
        page.session.store.set("shop.cart", found)
    return found


def cart_button(nav: navkit.Navigator) -> ft.IconButton:
    """The AppBar's cart, its badge counting the items; opens ``/cart``."""
    count = sum(cart(nav.page).values())
    return ft.IconButton(
        ft.Icon(ft.Icons.SHOPPING_CART_OUTLINED, semantics_label="Cart"),
        tooltip="Cart",
        badge=str(count) if count else None,
        on_click=lambda _: nav.go("shop.cart"),
    )


def add_to_cart(nav: navkit.Navigator, product: Product, button: ft.IconButton) -> None:
    items = cart(nav.page)
    items[product.id] = items.get(product.id, 0) + 1
    button.badge = str(sum(items.values()))
    nav.page.show_dialog(ft.SnackBar(ft.Text(f"{product.name} added to the cart")))
    nav.page.update()


def shop_view(nav: navkit.Navigator, title: str, controls: list[ft.Control]) -> ft.View:
    """A page of the shop: its AppBar carries the cart."""
    return ft.View(
        appbar=ft.AppBar(title=ft.Text(title), actions=[cart_button(nav), ft.Container(width=8)]),
        controls=controls,
        scroll=ft.ScrollMode.AUTO,
        padding=16,
    )


def picture(product: Product, height: float, on_click: object = None) -> ft.Container:
    """The product's picture: its icon on a tile of its colour."""
    return ft.Container(
        ft.Icon(product.icon, size=height * 0.45, color=f"{product.colour}700"),
        bgcolor=f"{product.colour}100",
        height=height,
        border_radius=12,
        alignment=ft.Alignment.CENTER,
        on_click=on_click,  # type: ignore[arg-type]
    )


# -- the pages ------------------------------------------------------------------


@blueprint.route("/", title="Shop")
def home(nav: navkit.Navigator) -> ft.View:
    banner = ft.Container(
        ft.Row(
            [
                ft.Icon(ft.Icons.STOREFRONT, size=48, color=ft.Colors.ON_PRIMARY_CONTAINER),
                ft.Column(
                    [
                        ft.Text(
                            "The tea shop",
                            theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
                            color=ft.Colors.ON_PRIMARY_CONTAINER,
                        ),
                        ft.Text(
                            "Tea things, sorted as you like.", color=ft.Colors.ON_PRIMARY_CONTAINER
                        ),
                    ],
                    spacing=4,
                    expand=True,
                ),
            ],
            spacing=16,
        ),
        bgcolor=ft.Colors.PRIMARY_CONTAINER,
        border_radius=16,
        padding=20,
    )
    actions = ft.Row(
        [
            ft.FilledButton(
                "All products", icon=ft.Icons.GRID_VIEW, on_click=lambda _: nav.go("shop.products")
            ),
            ft.OutlinedButton(
                "Cheapest first",
                icon=ft.Icons.SORT,
                on_click=lambda _: nav.go("shop.products", sort="price"),
            ),
        ],
        wrap=True,
    )
    view = shop_view(nav, "Shop", [])
    cart_icon = view.appbar.actions[0]  # type: ignore[union-attr,index]
    featured = ft.ResponsiveRow(
        [product_card(nav, p, cart_icon) for p in CATALOGUE[:3]], spacing=12, run_spacing=12
    )
    view.controls = [
        banner,
        actions,
        ft.Text("Featured", theme_style=ft.TextThemeStyle.TITLE_LARGE),
        featured,
    ]
    view.spacing = 16
    return view


@blueprint.route("/products", title="Products")
def products(
    nav: navkit.Navigator, sort: Literal["name", "price"] = "name", page: int = 1
) -> ft.View:
    ordered = sorted(CATALOGUE, key=lambda p: p.name if sort == "name" else p.price)
    pages = max(1, -(-len(ordered) // PER_PAGE))
    if not 1 <= page <= pages:
        navkit.abort(404, f"There is no page {page}.")
    shown = ordered[(page - 1) * PER_PAGE : page * PER_PAGE]
    other = "price" if sort == "name" else "name"
    header = ft.Row(
        [
            ft.Text(f"Sorted by {sort}, page {page} of {pages}", expand=True),
            ft.TextButton(
                f"Sort by {other}",
                icon=ft.Icons.SORT,
                on_click=lambda _: nav.go("shop.products", sort=other),
            ),
        ],
    )
    pager = ft.Row(
        [
            ft.OutlinedButton(
                "Previous page",
                icon=ft.Icons.ARROW_BACK,
                disabled=page == 1,
                on_click=lambda _: nav.go("shop.products", sort=sort, page=page - 1),
            ),
            ft.FilledTonalButton(
                "Next page",
                icon=ft.Icons.ARROW_FORWARD,
                disabled=page == pages,
                on_click=lambda _: nav.go("shop.products", sort=sort, page=page + 1),
            ),
        ],
        alignment=ft.MainAxisAlignment.CENTER,
    )
    view = shop_view(nav, "Products", [])
    cart_icon = view.appbar.actions[0]  # type: ignore[union-attr,index]
    grid = ft.ResponsiveRow(
        [product_card(nav, p, cart_icon) for p in shown], spacing=12, run_spacing=12
    )
    view.controls = [header, grid, pager]
    return view


def product_card(nav: navkit.Navigator, product: Product, cart_icon: ft.IconButton) -> ft.Control:
    def show(_: object) -> None:
        nav.go("shop.product", product_id=product.id)

    return ft.Card(
        ft.Container(
            ft.Column(
                [
                    picture(product, 120, on_click=show),
                    ft.TextButton(
                        product.name,
                        on_click=show,
                        style=ft.ButtonStyle(text_style=ft.TextStyle(size=16)),
                    ),
                    ft.Row(
                        [
                            ft.Text(euros(product.price), weight=ft.FontWeight.BOLD, expand=True),
                            ft.IconButton(
                                ft.Icon(
                                    ft.Icons.ADD_SHOPPING_CART,
                                    semantics_label=f"Add {product.name} to the cart",
                                ),
                                tooltip=f"Add {product.name} to the cart",
                                on_click=lambda _: add_to_cart(nav, product, cart_icon),
                            ),
                        ]
                    ),
                ],
                spacing=4,
            ),
            padding=12,
        ),
        col={"xs": 6, "md": 4},
    )


@blueprint.route("/products/:product_id", title="Product")
def product(nav: navkit.Navigator, product_id: int) -> ft.View:
    found = find(product_id)
    if found is None:
        navkit.abort(404, f"There is no product {product_id}.")
    view = shop_view(nav, "Product", [])
    cart_icon = view.appbar.actions[0]  # type: ignore[union-attr,index]
    details = ft.Column(
        [
            ft.Text(found.name, theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM),
            ft.Text(euros(found.price), theme_style=ft.TextThemeStyle.TITLE_LARGE),
            ft.Text(found.blurb),
            ft.FilledButton(
                "Add to cart",
                icon=ft.Icons.ADD_SHOPPING_CART,
                on_click=lambda _: add_to_cart(nav, found, cart_icon),
            ),
            ft.Text(
                f"Link: {nav.href('shop.product', product_id=product_id)}",
                theme_style=ft.TextThemeStyle.LABEL_MEDIUM,
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
        ],
        spacing=12,
        col={"xs": 12, "md": 6},
    )
    view.controls = [
        ft.ResponsiveRow(
            [ft.Container(picture(found, 260), col={"xs": 12, "md": 6}), details],
            spacing=24,
            run_spacing=16,
        )
    ]
    return view


@blueprint.route("/cart", title="Cart", endpoint="cart")
def cart_page(nav: navkit.Navigator) -> ft.View:
    items = cart(nav.page)

    def change(product_id: int, by: int) -> None:
        items[product_id] = items.get(product_id, 0) + by
        if items[product_id] <= 0:
            del items[product_id]
        nav.refresh()  # the cart page and its badge, built again

    def check_out(_: object) -> None:
        items.clear()
        nav.page.show_dialog(ft.SnackBar(ft.Text("Thank you! Your tea things are on their way.")))
        nav.refresh()

    rows: list[ft.Control] = []
    total = 0
    for product_id, quantity in items.items():
        found = find(product_id)
        if found is None:
            continue
        total += found.price * quantity
        rows.append(
            ft.ListTile(
                leading=ft.Container(picture(found, 48), width=48),
                title=ft.Text(found.name),
                subtitle=ft.Text(f"{quantity} x {euros(found.price)}"),
                trailing=ft.Row(
                    [
                        ft.IconButton(
                            ft.Icons.REMOVE,
                            tooltip="One less",
                            on_click=lambda _, i=product_id: change(i, -1),
                        ),
                        ft.IconButton(
                            ft.Icons.ADD,
                            tooltip="One more",
                            on_click=lambda _, i=product_id: change(i, 1),
                        ),
                    ],
                    tight=True,
                ),
                on_click=lambda _, i=product_id: nav.go("shop.product", product_id=i),
            )
        )
    if not rows:
        rows = [
            ft.Text("Your cart is empty."),
            ft.FilledButton("Browse the products", on_click=lambda _: nav.go("shop.products")),
        ]
    else:
        rows += [
            ft.Divider(),
            ft.Row(
                [
                    ft.Text(f"Total: {euros(total)}", theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
                    ft.FilledButton("Check out", icon=ft.Icons.PAYMENT, on_click=check_out),
                ],
                alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
            ),
        ]
    return shop_view(nav, "Cart", rows)


@blueprint.errorhandler(404)
def not_found(error: navkit.HTTPError) -> list[ft.Control]:
    nav = navkit.navigator_of(ft.context.page)
    return [
        ft.Icon(ft.Icons.SEARCH_OFF, size=64, color=ft.Colors.ON_SURFACE_VARIANT),
        ft.Text(error.description, theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        ft.FilledButton("Back to the products", on_click=lambda _: nav.go("shop.products")),
    ]


router = navkit.Router()
router.register_blueprint(blueprint)


def main(page: ft.Page) -> None:
    page.title = "navkit: shop"
    _theme.apply(page)


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, main, name="shop", start="/products?sort=price")
