"""``navkit.confirm``: the yes/no dialog of leave checks and apps, next to the app's own UI."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable

import flet as ft
import pytest

import navkit
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


def form_app(*, destructive: bool = False) -> tuple[navkit.Router, dict[str, ft.TextField]]:
    """A form that asks with navkit.confirm before its edits are lost."""
    router = navkit.Router()
    fields: dict[str, ft.TextField] = {}

    @router.route("/")
    def home(nav: navkit.Navigator) -> list[ft.Control]:
        return [ft.Button("Edit", on_click=lambda _: nav.go("/edit"))]

    @router.route("/edit", title="Edit")
    def edit(nav: navkit.Navigator) -> list[ft.Control]:
        name = fields["name"] = ft.TextField(label="Name")

        async def discard_changes(navigation: navkit.Navigation) -> bool:
            if not name.value:
                return True
            return await navkit.confirm(
                "Discard changes?",
                "Your edits will be lost.",
                yes="Discard",
                no="Keep editing",
                destructive=destructive,
            )

        nav.on_leave(discard_changes)
        return [name]

    @router.route("/help", title="Help")
    def help() -> list[ft.Control]:
        return [ft.Text("Help")]

    return router, fields


def open_dialog(client: FletTestClient) -> ft.AlertDialog:
    client.settle_until(lambda: client.dialog is not None)
    dialog = client.dialog
    assert isinstance(dialog, ft.AlertDialog)
    return dialog


def press(client: FletTestClient, dialog: ft.AlertDialog, label: str) -> None:
    button = next(b for b in dialog.actions if b.content == label)  # type: ignore[union-attr]
    client.call(button.on_click, None)  # type: ignore[union-attr]


def dirty_form(navkit_client: Client, **options: object) -> FletTestClient:
    router, fields = form_app(**options)  # type: ignore[arg-type]
    client = navkit_client(router)
    client.go("/edit")  # from Home, so the browser's Back has somewhere to go
    fields["name"].value = "Ada"
    return client


def test_keep_editing_stays_and_discard_leaves_and_the_dialog_closes(
    navkit_client: Client,
) -> None:
    client = dirty_form(navkit_client)
    client.app_bar_back(wait=False)
    dialog = open_dialog(client)
    assert dialog.title.value == "Discard changes?"  # type: ignore[union-attr]
    assert dialog.content.value == "Your edits will be lost."  # type: ignore[union-attr]
    press(client, dialog, "Keep editing")
    assert client.page.route == client.client_route == "/edit"
    assert client.dialog is None and not dialog.open  # closed by navkit, not left behind
    client.browser_back(wait=False)
    press(client, open_dialog(client), "Discard")
    assert client.page.route == "/" and client.titles == ["Home"] and client.dialog is None


def test_a_tap_outside_the_dialog_answers_no(navkit_client: Client) -> None:
    client = dirty_form(navkit_client)
    client.call(client.navigator.go, "/help", wait=False)
    open_dialog(client)
    client.dismiss_dialog()
    client.settle()
    assert client.page.route == "/edit" and client.dialog is None


def test_an_overtaken_check_closes_its_dialog_and_its_buttons_answer_nothing(
    navkit_client: Client,
) -> None:
    client = dirty_form(navkit_client)
    client.call(client.navigator.go, "/help", wait=False)
    first = open_dialog(client)
    client.call(client.navigator.go, "/", wait=False)  # a newer navigation asks again
    client.settle_until(lambda: client.dialog is not None and client.dialog is not first)
    assert not first.open  # the first question is gone from the screen
    late = next(b for b in first.actions if b.content == "Discard")  # type: ignore[union-attr]
    client.call(late.on_click, None, wait=False)  # type: ignore[union-attr]
    assert client.page.route == "/edit"  # a late tap on the old dialog: no error, no navigation
    second = client.dialog
    assert isinstance(second, ft.AlertDialog) and second.open
    press(client, second, "Discard")
    assert client.page.route == "/" and client.dialog is None


def test_the_destructive_answer_is_drawn_in_the_error_colour(navkit_client: Client) -> None:
    client = dirty_form(navkit_client, destructive=True)
    client.app_bar_back(wait=False)
    dialog = open_dialog(client)
    discard = next(b for b in dialog.actions if b.content == "Discard")  # type: ignore[union-attr]
    assert discard.style is not None and discard.style.bgcolor == ft.Colors.ERROR  # type: ignore[union-attr]
    press(client, dialog, "Keep editing")
    assert client.page.route == "/edit"


def test_a_plain_question_from_a_button_next_to_a_snack_bar(navkit_client: Client) -> None:
    """Not only leave checks: a Delete button asks, then the app shows its SnackBar."""
    router = navkit.Router()
    notes = ["Groceries", "Ideas"]

    @router.route("/")
    def home(nav: navkit.Navigator) -> list[ft.Control]:
        async def delete(_: object) -> None:
            if await navkit.confirm(f"Delete {notes[0]}?", yes="Delete"):
                notes.pop(0)
                nav.page.show_dialog(ft.SnackBar(ft.Text("Deleted")))

        return [ft.Button("Delete", on_click=delete)]

    client = navkit_client(router)
    client.tap(client.find(text="Delete", type=ft.Button))
    assert client.find(text="Delete Groceries?")
    client.tap(client.find(text="Cancel"))
    assert notes == ["Groceries", "Ideas"] and client.dialog is None
    client.tap(client.find(text="Delete", type=ft.Button))
    client.tap(client.find(text="Delete", type=ft.FilledButton))
    assert notes == ["Ideas"]
    assert isinstance(client.dialog, ft.SnackBar)  # the app's own, after navkit's closed
    assert client.find(text="Deleted")


def test_a_dialog_open_when_the_connection_drops_is_answered_after_it_comes_back(
    navkit_client: Client,
) -> None:
    client = dirty_form(navkit_client)
    client.app_bar_back(wait=False)
    dialog = open_dialog(client)
    client.disconnect()
    client.reconnect(wait=False)  # the check still waits for the user
    client.settle_until(lambda: client.dialog is dialog)  # the whole page, its dialog too
    press(client, dialog, "Discard")
    assert client.page.route == "/" and client.titles == ["Home"]


def test_confirm_outside_any_page_says_how_to_call_it() -> None:
    async def ask() -> bool:
        return await navkit.confirm("Sure?")

    with pytest.raises(RuntimeError) as refused:
        contextvars.Context().run(asyncio.run, ask())  # no Flet handler around it
    assert "needs a page" in str(refused.value) and "page=nav.page" in str(refused.value)


def test_a_page_closed_with_its_question_open_closes_the_dialog() -> None:
    router, fields = form_app()
    client = FletTestClient(router)
    client.go("/edit")
    fields["name"].value = "Ada"
    client.app_bar_back(wait=False)
    dialog = open_dialog(client)
    client.close()  # the tab closes while the user is asked
    assert not dialog.open  # the check was cancelled and took its dialog along


def test_the_back_arrow_is_not_behind_a_snack_bar(navkit_client: Client) -> None:
    router = navkit.Router()
    router.add_route("/", lambda: [ft.Text("home")], endpoint="home")

    @router.route("/cart", title="Cart")
    def cart(nav: navkit.Navigator) -> list[ft.Control]:
        def added(_: object) -> None:
            nav.page.show_dialog(ft.SnackBar(ft.Text("Added to cart")))

        return [ft.Button("Add", on_click=added)]

    client = navkit_client(router)
    client.go("/cart")
    client.tap(client.find(text="Add"))
    assert client.find(text="Added to cart")
    client.app_bar_back()  # a SnackBar has no modal barrier: the arrow takes the tap
    assert client.page.route == "/" and client.titles == ["Home"]


def delete_app(answers: list[bool]) -> navkit.Router:
    router = navkit.Router()

    @router.route("/")
    def home(nav: navkit.Navigator) -> list[ft.Control]:
        async def delete(_: object) -> None:
            answers.append(await navkit.confirm("Delete the note?", yes="Delete"))

        return [ft.Button("Delete", on_click=delete)]

    return router


def test_an_apps_question_open_when_the_tab_closes_is_answered_no() -> None:
    answers: list[bool] = []
    client = FletTestClient(delete_app(answers))
    client.tap(client.find(text="Delete"))  # the handler waits for the answer
    dialog = open_dialog(client)
    page = client.page
    client.close()  # the tab closes while the app's own handler asks
    assert answers == [False]  # the handler went on: nothing waits forever
    assert not dialog.open

    async def ask_again() -> bool:
        return await navkit.confirm("Still there?", page=page)

    late = asyncio.new_event_loop()
    try:  # asked on the closed page: no dialog, the answer is no at once
        assert late.run_until_complete(ask_again()) is False
    finally:
        late.close()
