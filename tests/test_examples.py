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
