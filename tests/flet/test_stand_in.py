"""The client stand-in itself: back with a dialog open, and what settle() waits for.

What Flet 1.0.5's client does here is in docs/notes/flet-1.0.5-routing.md
("Back with a dialog open"); these tests hold the stand-in to it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import flet as ft
import pytest

import navkit
from navkit import Navigation
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


def shop() -> navkit.Router:
    router = navkit.Router()

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return []

    @router.route("/store", title="Store")
    def store() -> list[ft.Control]:
        return []

    @router.route("/store/:item_id", title="Item")
    def item(item_id: int) -> list[ft.Control]:
        return [ft.Text(f"item {item_id}")]

    @router.route("/store/:item_id/share", title="Share", modal="dialog")
    def share(item_id: int) -> list[ft.Control]:
        return [ft.Text(f"share {item_id}")]

    @router.route("/store/:item_id/options", title="Options", modal="sheet")
    def options(item_id: int) -> list[ft.Control]:
        return [ft.Text("options")]

    @router.route("/form", title="Form")
    def form(nav: navkit.Navigator) -> list[ft.Control]:
        nav.on_leave(lambda navigation: False)  # unsaved changes: never left
        return [ft.TextField(label="Name")]

    return router


def show(client: FletTestClient, dialog: ft.DialogControl) -> list[Any]:
    """The app opens ``dialog`` (``page.show_dialog``); its dismiss events, as they come."""
    dismissed: list[Any] = []
    dialog.on_dismiss = dismissed.append
    client.call(client.page.show_dialog, dialog)
    assert client.dialog is dialog
    return dismissed


# -- 1. back with a dialog open ---------------------------------------------------


def test_app_bar_back_closes_the_apps_dialog_and_keeps_the_view(navkit_client: Client) -> None:
    client = navkit_client(shop(), route="/store/42")
    item_view = client.page.views[-1]
    dialog = ft.AlertDialog(title=ft.Text("Added to cart"))
    dismissed = show(client, dialog)
    client.app_bar_back()  # the tap lands on the dialog's barrier
    assert client.dialog is None and dialog.open is False and len(dismissed) == 1
    assert client.shown_routes == ["/", "/store", "/store/42"]
    assert client.page.views[-1] is item_view and client.page.route == "/store/42"


@pytest.mark.parametrize(
    "dialog",
    [
        pytest.param(lambda: ft.AlertDialog(title=ft.Text("Pay?"), modal=True), id="modal dialog"),
        pytest.param(
            lambda: ft.BottomSheet(content=ft.Text("Pay?"), dismissible=False), id="sticky sheet"
        ),
    ],
)
def test_app_bar_back_does_nothing_behind_a_modal_dialog(
    navkit_client: Client, dialog: Callable[[], ft.DialogControl]
) -> None:
    client = navkit_client(shop(), route="/store/42")
    opened = dialog()
    dismissed = show(client, opened)
    client.app_bar_back()
    assert client.dialog is opened and dismissed == []
    assert client.shown_routes == ["/", "/store", "/store/42"]
    assert client.page.route == "/store/42"


@pytest.mark.parametrize("modal", ["share", "options"])
def test_app_bar_back_over_a_modal_route_returns_to_its_parent(
    navkit_client: Client, modal: str
) -> None:
    client = navkit_client(shop(), route="/store/42")
    item_view = client.page.views[-1]
    client.go(modal, item_id=42)
    assert client.dialog is not None and client.page.route == f"/store/42/{modal}"
    client.app_bar_back()
    assert client.dialog is None
    assert client.page.route == "/store/42"
    assert client.shown_routes == ["/", "/store", "/store/42"]
    assert client.page.views[-1] is item_view


def test_app_bar_back_answers_a_leave_dialog_and_stays(navkit_client: Client) -> None:
    from examples import unsaved

    client = navkit_client(unsaved.router, main=unsaved.main)
    client.go("/profile/edit")
    field = client.page.views[-1].controls[0]
    field.value = "Ada"  # type: ignore[attr-defined]
    client.call(client.navigator.go, "/", wait=False)  # the leave check asks
    client.settle_until(lambda: client.dialog is not None)  # "Discard changes?"
    client.app_bar_back()  # a tap beside the dialog: it closes, as "Keep editing"
    assert client.dialog is None
    assert client.page.route == client.client_route == "/profile/edit"
    assert client.page.views[-1].controls[0] is field and field.value == "Ada"  # type: ignore[attr-defined]


def test_a_dialog_the_app_closes_is_reported_dismissed_and_opens_again(
    navkit_client: Client,
) -> None:
    client = navkit_client(shop())
    dialog = ft.AlertDialog(title=ft.Text("Hello"))
    dismissed = show(client, dialog)
    client.call(client.page.pop_dialog)
    assert client.dialog is None and len(dismissed) == 1  # Flet's client answers with dismiss
    client.call(client.page.show_dialog, dialog)  # which let Flet drop it: it opens again
    assert client.dialog is dialog


def test_dismiss_dialog_closes_even_a_modal_one(navkit_client: Client) -> None:
    client = navkit_client(shop(), route="/store/42")
    dismissed = show(client, ft.AlertDialog(title=ft.Text("Pay?"), modal=True))
    client.dismiss_dialog()
    assert client.dialog is None and len(dismissed) == 1
    assert client.view_routes == ["/", "/store", "/store/42"]


def test_app_bar_back_without_a_dialog_still_pops(navkit_client: Client) -> None:
    client = navkit_client(shop(), route="/store/42")
    client.app_bar_back()
    assert client.view_routes == ["/", "/store"] and client.page.route == "/store"


def test_can_pop_false_without_confirm_blocks_the_arrow(navkit_client: Client) -> None:
    client = navkit_client(shop(), route="/store/42")
    client.page.views[-1].can_pop = False
    client.call(client.page.update)
    client.app_bar_back()
    assert client.shown_routes == ["/", "/store", "/store/42"]
    client.system_back()
    assert client.shown_routes == ["/", "/store", "/store/42"]


# -- Android's back button ---------------------------------------------------------


def test_system_back_closes_even_a_modal_dialog_over_one_view(navkit_client: Client) -> None:
    client = navkit_client(shop())
    dismissed = show(client, ft.AlertDialog(title=ft.Text("Pay?"), modal=True))
    client.system_back()
    assert client.dialog is None and len(dismissed) == 1
    assert client.view_routes == ["/"] and client.page.route == "/"


def test_system_back_pops_the_view_and_its_dialog_with_it(navkit_client: Client) -> None:
    # Flet's _handleSystemPopRoute looks at the views only: the view goes,
    # and the dialog shown on it closes with it.
    client = navkit_client(shop(), route="/store/42")
    dismissed = show(client, ft.AlertDialog(title=ft.Text("Added to cart"), modal=True))
    client.system_back()
    assert client.view_routes == ["/", "/store"] and client.page.route == "/store"
    assert client.dialog is None and len(dismissed) == 1


def test_system_back_over_a_guarded_view_closes_only_the_dialog(navkit_client: Client) -> None:
    client = navkit_client(shop(), route="/form")
    assert client.page.views[-1].can_pop is False  # navkit asks before leaving it
    dismissed = show(client, ft.AlertDialog(title=ft.Text("Saved")))
    client.system_back()
    assert client.dialog is None and len(dismissed) == 1
    assert client.shown_routes == ["/", "/form"] and client.page.route == "/form"


def test_system_back_without_a_dialog_pops_like_the_arrow(navkit_client: Client) -> None:
    client = navkit_client(shop(), route="/store/42")
    client.system_back()
    assert client.view_routes == ["/", "/store"]
    client.system_back()
    client.system_back()  # one view left: Android leaves the app, Python hears nothing
    assert client.view_routes == ["/"] and client.page.route == "/"


# -- 2. settle() and the app's own tasks --------------------------------------------


def test_settle_leaves_a_poller_started_by_main_polling(navkit_client: Client) -> None:
    polls: list[float] = []
    pollers: list[asyncio.Task[None]] = []

    async def poll_forever() -> None:
        while True:
            polls.append(time.monotonic())
            await asyncio.sleep(0.05)

    async def main(page: ft.Page) -> None:
        pollers.append(asyncio.create_task(poll_forever()))

    started = time.monotonic()
    client = navkit_client(shop(), main=main)
    client.go("/store")
    assert time.monotonic() - started < 5  # not settle()'s 30 s timeout
    assert client.page.route == "/store" and polls
    assert not pollers[0].done()  # still polling: it was not waited for, nor stopped


def test_settle_leaves_a_task_waiting_for_the_user_then_finishes_it(
    navkit_client: Client,
) -> None:
    client = navkit_client(shop())
    answer: asyncio.Future[str] = client.loop.create_future()
    done: list[str] = []
    tasks: list[asyncio.Task[None]] = []

    async def pick_then_open() -> None:
        item = await answer  # the user answers later
        await asyncio.sleep(0)
        client.navigator.go(f"/store/{item}")
        done.append(item)

    def on_click(_: object) -> None:
        tasks.append(asyncio.create_task(pick_then_open()))

    client.call(on_click, None, wait=False)
    client.settle(timeout=2)  # returns: the task waits for something only the user gives
    assert done == [] and client.page.route == "/"
    client.call(answer.set_result, "42")
    assert done == ["42"] and tasks[0].done() and client.page.route == "/store/42"
    assert client.titles == ["Home", "Store", "Item"]


def test_settle_waits_for_an_app_task_that_keeps_going(navkit_client: Client) -> None:
    client = navkit_client(shop())
    tasks: list[asyncio.Task[None]] = []

    async def several_steps() -> None:
        for _ in range(50):
            await asyncio.sleep(0)
        await client.page.push_route("/store")  # Flet's own navigation, through the client

    def on_click(_: object) -> None:
        tasks.append(asyncio.create_task(several_steps()))

    client.call(on_click, None)
    assert tasks[0].done()
    assert client.page.route == client.client_route == "/store"
    assert client.titles == ["Home", "Store"]


def test_settle_still_waits_for_navkits_navigation(navkit_client: Client) -> None:
    router = shop()

    async def slow_guard(navigation: Navigation) -> bool:
        await asyncio.sleep(0.05)  # a timer: only navkit's own task waits on it
        return True

    router.add_route("/slow", lambda: [], endpoint="slow", guards=[slow_guard])
    client = navkit_client(router)
    client.go("/slow")
    assert client.page.route == client.client_route == "/slow"


def test_system_back_over_a_modal_route_closes_it_with_the_view_beneath(
    navkit_client: Client,
) -> None:
    # Flet pops the view beneath the dialog (/store/42) and the dialog with
    # it: navkit lands where the client now is, /store, with no dialog.
    client = navkit_client(shop(), route="/store/42/share")
    assert client.dialog is not None
    client.system_back()
    assert client.page.route == "/store" and client.navigator.address == "/store"
    assert client.dialog is None
    assert client.shown_routes == client.view_routes == ["/", "/store"]
