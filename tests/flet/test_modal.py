"""Modal routes: a dialog or bottom sheet over the stack, and still deep-linkable."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft
import pytest

import navkit
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


def make_router() -> navkit.Router:
    router = navkit.Router()
    router.add_route("/", lambda: [], endpoint="home", title="Home")
    router.add_route("/store", lambda: [], endpoint="store", title="Store")
    router.add_route(
        "/store/:item_id",
        lambda item_id: [ft.Text(f"item {item_id}")],
        endpoint="item",
        title="Item",
    )
    router.add_route(
        "/store/:item_id/share",
        lambda item_id: [ft.Text(f"share {item_id}")],
        endpoint="share",
        title="Share",
        modal="dialog",
    )
    router.add_route(
        "/store/:item_id/options",
        lambda item_id: [ft.Text("options")],
        endpoint="options",
        modal="sheet",
    )
    return router


def test_deep_link_opens_the_dialog_over_its_parent_stack(navkit_client: Client) -> None:
    client = navkit_client(make_router(), route="/store/42/share")
    assert client.view_routes == ["/", "/store", "/store/42"]
    assert client.page.route == "/store/42/share" == client.url
    dialog = client.dialog
    assert isinstance(dialog, ft.AlertDialog) and dialog.title.value == "Share"  # type: ignore[union-attr]


def test_dismissing_returns_to_the_parent_route(navkit_client: Client) -> None:
    client = navkit_client(make_router(), route="/store/42")
    item_view = client.page.views[-1]
    client.go("share", item_id=42)
    assert client.dialog is not None and client.page.views[-1] is item_view
    client.dismiss_dialog()
    assert client.dialog is None
    assert client.page.route == "/store/42" and client.page.views[-1] is item_view


@pytest.mark.parametrize("leave", ["go", "browser back", "pop"])
def test_navigating_away_closes_it(navkit_client: Client, leave: str) -> None:
    client = navkit_client(make_router(), route="/store/42")
    client.go("/store/42/options")
    assert isinstance(client.dialog, ft.BottomSheet)
    if leave == "go":
        client.go("/store")
    elif leave == "browser back":
        client.browser_back()
    else:
        client.call(client.navigator.pop)
    assert client.dialog is None
    assert client.page.route == client.view_routes[-1]


def test_modal_option_is_checked() -> None:
    with pytest.raises(navkit.RouteError, match="modal="):
        navkit.Router().add_route("/x", lambda: [], endpoint="x", modal="popup")


def test_refused_dismissal_reopens_the_dialog(navkit_client: Client) -> None:
    router = make_router()

    def confirm(nav: navkit.Navigator) -> list[ft.Control]:
        nav.on_leave(lambda navigation: False)
        return [ft.Text("are you sure?")]

    router.add_route("/confirm", confirm, modal="dialog")
    client = navkit_client(router, route="/confirm")
    dialog = client.dialog
    client.dismiss_dialog()
    assert client.dialog is dialog and client.page.route == "/confirm"
