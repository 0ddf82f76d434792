"""The demo app, on navkit.testing's client stand-in."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from examples import demo
from navkit.testing import FletTestClient


def buttons(client: FletTestClient) -> dict[str, ft.Button]:
    return {
        str(control.content): control  # type: ignore[attr-defined]
        for control in client.page.views[-1].controls
        if isinstance(control, ft.Button)
    }


def click(client: FletTestClient, text: str) -> None:
    handler: Callable[[object], None] = buttons(client)[text].on_click  # type: ignore[assignment]
    client.call(handler, None)


def test_deep_link_then_back(navkit_client: Callable[..., FletTestClient]) -> None:
    client = navkit_client(demo.router, route="/store/42", main=demo.main)
    assert client.titles == ["Home", "Store", "Item"]
    assert client.page.title == "navkit demo"
    client.app_bar_back()
    assert client.titles == ["Home", "Store"]


def test_clicking_through_the_store(navkit_client: Callable[..., FletTestClient]) -> None:
    client = navkit_client(demo.router)
    click(client, "Visit the store")
    assert client.page.route == "/store"
    click(client, "Sort by number")
    assert client.page.route == "/store?sort=number"
    click(client, "Espresso machine")
    assert client.view_routes == ["/", "/store", "/store/42"]
    texts = [c.value for c in client.page.views[-1].controls]  # type: ignore[attr-defined]
    assert texts == ["Espresso machine", "Address: /store/42"]


def test_unknown_product(navkit_client: Callable[..., FletTestClient]) -> None:
    client = navkit_client(demo.router, route="/store/7")
    assert client.page.views[-1].controls[0].value == "There is no product 7."  # type: ignore[attr-defined]


def test_unsaved_form_asks_before_being_left(navkit_client: Callable[..., FletTestClient]) -> None:
    from examples import unsaved

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
