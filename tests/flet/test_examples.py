"""The examples, on navkit.testing's client stand-in (the browser suite is tests/e2e)."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft
import pytest

from examples import auth, deeplinks, gallery, loading, shop, store, unsaved
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


def shown(client: FletTestClient) -> list[ft.Control]:
    """Every control of the top view's body, in reading order (cards, rows and columns opened)."""
    found: list[ft.Control] = []

    def visit(control: object) -> None:
        if isinstance(control, list):
            for child in control:
                visit(child)
        elif isinstance(control, ft.Control):
            found.append(control)
            for part in ("leading", "title", "subtitle", "content", "controls", "trailing"):
                visit(getattr(control, part, None))

    visit(client.page.views[-1].controls)
    return found


def buttons(client: FletTestClient) -> dict[str, ft.Control]:
    """The top view's buttons with a text, by that text."""
    kinds = (ft.Button, ft.TextButton, ft.OutlinedButton)
    return {
        str(control.content): control  # type: ignore[attr-defined]
        for control in shown(client)
        if isinstance(control, kinds) and isinstance(control.content, str)  # type: ignore[attr-defined]
    }


def click(client: FletTestClient, text: str, *, wait: bool = True) -> None:
    handler: Callable[[object], None] = buttons(client)[text].on_click  # type: ignore[attr-defined]
    client.call(handler, None, wait=wait)


def texts(client: FletTestClient) -> list[str]:
    """The top view's texts, in reading order."""
    return [c.value for c in shown(client) if isinstance(c, ft.Text)]  # type: ignore[misc]


def test_store_deep_link_then_back(navkit_client: Client) -> None:
    client = navkit_client(store.router, route="/store/42", main=store.main)
    assert client.titles == ["Home", "Store", "Item"]
    assert client.page.title == "navkit: store"
    client.app_bar_back()
    assert client.titles == ["Home", "Store"]


def test_clicking_through_the_store(navkit_client: Client) -> None:
    client = navkit_client(store.router)
    click(client, "Visit Store")
    assert client.page.route == "/store"
    click(client, "Sort by number")
    assert client.page.route == "/store?sort=number"
    click(client, "Espresso machine")
    # The store stays beneath as it was shown: sorted by number.
    assert client.view_routes == ["/", "/store?sort=number", "/store/42"]
    assert texts(client) == ["Espresso machine", "Address: /store/42"]


def test_unknown_product_is_not_found(navkit_client: Client) -> None:
    client = navkit_client(store.router, route="/store/7")
    assert client.titles[-1] == "Page not found"
    assert "There is no product 7." in texts(client)


@pytest.mark.parametrize(
    ("address", "title", "first_text"),
    [
        ("/products", "Products", "Sorted by name, page 1 of 2"),
        ("/products?sort=price&page=2", "Products", "Sorted by price, page 2 of 2"),
        ("/products/3", "Product", "Cups (set of 4)"),
        ("/products/99", "Page not found", "There is no product 99."),
        ("/products/abc", "Page not found", "There is no page at this address."),
        ("/products?page=7", "Page not found", "There is no page 7."),
        ("/nowhere", "Page not found", "There is no page at this address."),
    ],
)
def test_shop_pages(navkit_client: Client, address: str, title: str, first_text: str) -> None:
    client = navkit_client(shop.router, route=address)
    assert client.titles[-1] == title
    assert next(text for text in texts(client) if text != title) == first_text  # under the heading


def test_shop_bad_query_value_is_a_bad_request(navkit_client: Client) -> None:
    client = navkit_client(shop.router, route="/products?sort=colour")
    assert client.titles[-1] == "Invalid address"


def test_shop_paging_and_sorting(navkit_client: Client) -> None:
    client = navkit_client(shop.router, route="/products")
    click(client, "Next page")
    assert client.page.route == "/products?sort=name&page=2"
    click(client, "Sort by price")
    assert client.page.route == "/products?sort=price"
    click(client, "Strainer")
    assert client.view_routes == ["/", "/products?sort=price", "/products/5"]
    assert texts(client)[-1] == "Link: /products/5"


def test_auth_login_returns_to_next_and_logout(navkit_client: Client) -> None:
    client = navkit_client(auth.router, route="/account")
    assert client.page.route == "/login?next=/account"
    assert client.titles[-1] == "Log in"
    client.page.views[-1].controls[0].value = "Ada"  # type: ignore[attr-defined]
    click(client, "Log in")
    assert client.page.route == "/account" and texts(client) == ["Signed in as Ada."]
    click(client, "Log out")
    assert client.page.route == "/" and texts(client) == ["Hello, visitor."]
    client.go("auth.account")
    assert client.page.route == "/login?next=/account"


def test_auth_refuses_an_outside_next(navkit_client: Client) -> None:
    client = navkit_client(auth.router, route="/login?next=//evil.example/x")
    click(client, "Log in")
    assert client.page.route == "/"
    assert texts(client) == ["Hello, friend."]


def test_deeplinks_hash_stack_and_share_links(navkit_client: Client) -> None:
    client = navkit_client(deeplinks.router, route="/books/2/chapters/3", strategy="hash")
    assert client.titles == ["Library", "Book", "Chapter"]
    assert client.url == "/#/books/2/chapters/3"
    assert texts(client)[-1] == "Share: /#/books/2/chapters/3"
    client.app_bar_back()
    assert client.url == "/#/books/2" and client.titles[-1] == "Book"


def test_loading_leaving_while_it_loads(
    navkit_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loading, "LOAD_SECONDS", 0.3)
    client = navkit_client(loading.router)
    click(client, "Sales report", wait=False)
    client.settle_until(lambda: bool(client.page.overlay))  # the pending indicator
    assert client.page.route == "/"
    click(client, "Quick notes")
    client.loop.run_until_complete(__import__("asyncio").sleep(0.5))
    client.settle()
    assert client.page.route == "/notes" and client.titles[-1] == "Notes"
    assert not client.page.overlay


def test_gallery_links_every_example(navkit_client: Client) -> None:
    client = navkit_client(gallery.router, main=gallery.main)
    assert client.page.title == "navkit gallery"
    assert client.page.theme_mode == ft.ThemeMode.LIGHT
    cards = [c for c in shown(client) if isinstance(c, ft.Card)]
    titles = [example.title for example in gallery.EXAMPLES]
    assert len(cards) == len(titles) and titles[:2] == ["Tea shop", "Notes"]
    assert all(title in texts(client) for title in titles)
    client.call(cards[0].content.on_click, None)  # type: ignore[union-attr]
    assert client.page.route == "/shop/products"
    assert client.titles == ["navkit gallery", "Shop", "Products"]
    client.go("/")
    kitchen = titles.index("Kitchen store")
    client.call(cards[kitchen].content.on_click, None)  # type: ignore[union-attr]
    assert client.page.route == "/store/42"  # not /store/store/42
    assert client.titles == ["navkit gallery", "Store", "Item"]


def test_gallery_theme_switch(navkit_client: Client) -> None:
    client = navkit_client(gallery.router, main=gallery.main)
    switch = client.page.views[-1].appbar.actions[0]  # type: ignore[union-attr,index]
    assert switch.tooltip == "Dark theme"
    client.call(switch.on_click, None)
    assert client.page.theme_mode == ft.ThemeMode.DARK and switch.tooltip == "Light theme"
    client.call(switch.on_click, None)
    assert client.page.theme_mode == ft.ThemeMode.LIGHT


def test_shop_cart_counts_and_totals(navkit_client: Client) -> None:
    client = navkit_client(shop.router, route="/products/2")
    click(client, "Add to cart")
    click(client, "Add to cart")
    cart = client.page.views[-1].appbar.actions[0]  # type: ignore[union-attr,index]
    assert cart.badge == "2"
    client.go("shop.cart")
    assert client.titles[-1] == "Cart"
    assert "2 x 40.00 EUR" in texts(client) and "Total: 80.00 EUR" in texts(client)
    click(client, "Check out")
    assert "Your cart is empty." in texts(client)


def test_unsaved_form_asks_before_being_left(navkit_client: Callable[..., FletTestClient]) -> None:
    client = navkit_client(unsaved.router, main=unsaved.main)
    click(client, "Edit profile")
    client.page.views[-1].controls[0].value = "Ada"  # type: ignore[attr-defined]

    def answer(choice: str) -> None:
        """Wait for the dialog, then press one of its buttons."""
        client.settle_until(lambda: client.dialog is not None)
        dialog = client.dialog
        assert isinstance(dialog, ft.AlertDialog) and dialog.title.value == "Discard changes?"  # type: ignore[union-attr]
        button = next(b for b in dialog.actions if b.content == choice)  # type: ignore[union-attr]
        client.call(button.on_click, None)

    home_button: Callable[[object], None] = buttons(client)["Home"].on_click  # type: ignore[assignment]
    leaves = [
        lambda: client.call(home_button, None, wait=False),
        lambda: client.app_bar_back(wait=False),
        lambda: client.browser_back(wait=False),
    ]
    for leave in leaves:
        leave()
        answer("Keep editing")
        assert client.page.route == client.client_route == "/profile/edit"
        assert client.page.views[-1].controls[0].value == "Ada"  # type: ignore[attr-defined]
    client.call(home_button, None, wait=False)
    answer("Discard")
    assert client.page.route == "/"
