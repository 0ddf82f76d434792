"""Tests that read like a user's steps: find what is shown, tap it, type into it.

The example apps driven through ``client.find`` / ``tap`` / ``enter_text``:
each step sends what Flet's client sends (the properties, then the event,
through the session), so the apps' handlers -- async ones over a real
HTTP API included -- run as in production. What is asserted is what the
user sees: the texts shown, the address, the dialog.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import flet as ft
import pytest

import navkit
from examples import auth, notes, tabs, unsaved
from examples.components import products, signin
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]
FIRST_NOTES = copy.deepcopy(notes.API.notes)
README = Path(__file__).parents[2] / "README.md"


@pytest.fixture
def fresh_notes() -> Iterator[None]:
    notes.API.notes = copy.deepcopy(FIRST_NOTES)
    notes.API.delay = 0.0
    yield
    notes.API.notes = copy.deepcopy(FIRST_NOTES)


def test_signing_in_from_a_guarded_page(navkit_client: Client) -> None:
    client = navkit_client(auth.router, route="/account")
    assert client.texts[:2] == ["Log in", "Name"]  # the AppBar's title, the form
    client.enter_text(client.find(text="Name"), "Ada")
    client.tap(client.find(text="Log in", type=ft.Button))
    assert client.page.route == "/account"
    assert client.texts[:2] == ["Account", "Signed in as Ada."]
    client.tap(client.find(text="Log out"))
    assert client.page.route == "/" and client.find(text="Hello, visitor.")


def test_find_says_what_is_shown_when_it_finds_nothing_or_too_much(
    navkit_client: Client,
) -> None:
    client = navkit_client(auth.router, route="/login")
    with pytest.raises(LookupError, match="nothing with text 'Sign in' is shown") as nothing:
        client.find(text="Sign in")
    assert "the texts shown: 'Log in', 'Name'" in str(nothing.value)
    with pytest.raises(
        LookupError, match="2 controls with text 'Log in' are shown: Text 'Log in', "
    ):
        client.find(text="Log in")  # the AppBar's title and the button
    assert len(client.find_all(text="Log in")) == 2
    assert client.find_all(text=re.compile("^Log")) == client.find_all(text="Log in")
    assert client.find(type=ft.TextField).label == "Name"


def test_a_form_that_asks_before_being_left(navkit_client: Client) -> None:
    client = navkit_client(unsaved.router, route="/profile/edit")
    client.enter_text(client.find(text="Name"), "Grace")
    client.tap(client.find(text="Home"))  # the leave check asks; the tap waits no longer
    assert client.find(text="Discard changes?", type=ft.AlertDialog)
    with pytest.raises(RuntimeError, match="Button 'Save' is behind the open AlertDialog"):
        client.tap(client.find(text="Save"))
    client.tap(client.find(text="Keep editing"))
    assert client.page.route == "/profile/edit" and client.dialog is None
    assert client.find(type=ft.TextField).value == "Grace"
    client.tap(client.find(text="Home"))
    client.tap(client.find(text="Discard"))
    assert client.page.route == "/" and client.find(text="Edit profile")


def test_notes_searched_and_edited_over_the_api(navkit_client: Client, fresh_notes: None) -> None:
    client = navkit_client(notes.router, route="/notes")
    client.enter_text(client.find(text="Search"), "tea", submit=True)
    assert client.page.route == "/notes?q=tea"
    client.tap(client.find(text="Groceries"))
    assert client.find(text="Note 1 of 1")
    with pytest.raises(RuntimeError, match="TextButton 'Previous' is disabled"):
        client.tap(client.find(text="Previous"))
    client.tap(client.find(text="Edit"))
    client.enter_text(client.find(text="Title"), "Shopping")
    client.tap(client.find(text="Save"))  # an async handler: PUT, then replace
    assert client.page.route == "/notes/1"
    assert client.texts[:3] == ["Note", "Shopping", "Milk, eggs, tea"]


def test_a_tabbed_app_keeps_each_tab_as_left(navkit_client: Client) -> None:
    client = navkit_client(tabs.router, route="/feed", main=tabs.main)
    client.tap(client.find(text="Post 2"))
    client.tap(client.find(text="Like"))
    assert client.find_all(text="Like") == [] and client.find(text="Liked")
    client.tap(client.find(text="Search"))  # the destination
    client.enter_text(client.find(text="Query"), "number 3", submit=True)
    assert "1 results for 'number 3'" in client.texts
    client.tap(client.find(text="Feed"))
    assert client.page.route == "/feed/post/2" and client.find(text="Liked")


def test_a_components_app_signs_in_with_enter(navkit_client: Client) -> None:
    client = navkit_client(
        None, route="/dashboard", main=lambda page: page.render_views(signin.App)
    )
    client.settle()
    client.enter_text(client.find(text="Name"), "Grace", submit=True)  # on_submit
    assert client.page.route == "/dashboard"
    assert client.find(text="Dashboard: Welcome back, Grace!")


def test_a_components_app_waits_for_its_loader(
    navkit_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(products, "API_DELAY", 1.0)  # its pending view shows after 0.2 s
    client = navkit_client(
        None, route="/products", main=lambda page: page.render_views(navkit.Views, products.router)
    )
    client.settle()
    assert [b.content for b in client.find_all(type=ft.Button)] == [
        "Sort by price",
        "Doohickey C",
        "Gadget B",
        "Widget A",
    ]
    client.tap(client.find(text="Gadget B"), wait=False)
    assert client.wait_for(text="Loading the product...")
    client.wait_for(text="Product 2 (int), 0 in the cart")
    client.tap(client.find(text="Add to cart"))
    client.tap(client.find(text="Add to cart"))
    assert client.find(text=re.compile("in the cart")).value == "Product 2 (int), 2 in the cart"


def small_form() -> navkit.Router:
    """A sign-up form: keys, a check on leaving a field, a checkbox, a card, a broken button."""
    router = navkit.Router()

    @router.route("/", title="Sign up")
    def form() -> list[ft.Control]:
        said = ft.Text("")

        def changed(e: ft.Event[Any]) -> None:
            said.value = f"{type(e.control).__name__}: {e.data}"

        async def picked(_: object) -> None:
            said.value = "Card picked"

        def broken(_: object) -> None:
            raise ValueError("the plan is unknown")

        email = ft.TextField(label="Email", key="email", on_change=changed)

        def check(_: object) -> None:
            email.error_text = None if "@" in (email.value or "") else "Enter an email"

        email.on_blur = check
        return [
            email,
            ft.TextField(label="Name"),
            ft.Checkbox(label="Send me news", on_change=changed),
            ft.Container(ft.Text("Basic plan"), on_click=picked),
            ft.Button("Upgrade", on_click=broken),
            said,
        ]

    return router


def test_keys_checkboxes_cards_and_a_handler_that_fails(navkit_client: Client) -> None:
    client = navkit_client(small_form())
    client.enter_text(client.find(key="email"), "ab")
    client.enter_text(client.find(text="Name"), "Ada")  # the email field loses the focus
    assert client.find(text="Enter an email") is client.find(key="email")
    client.enter_text(client.find(key="email"), "a@b.c")
    client.enter_text(client.find(text="Name"), "Ada Lovelace")
    assert client.find_all(text="Enter an email") == []
    assert client.find(key="email").value == "a@b.c"
    assert client.texts[-1] == "TextField: a@b.c"  # on_change got what was typed
    box = client.find(text="Send me news")
    client.tap(box)
    assert box.value is True and client.texts[-1] == "Checkbox: True"
    client.tap(client.find(text="Basic plan"))  # the Text: the tap goes to its Container
    assert client.texts[-1] == "Card picked"
    with pytest.raises(RuntimeError, match="the plan is unknown"):
        client.tap(client.find(text="Upgrade"))
    with pytest.raises(LookupError, match="nothing takes a tap on Text 'Sign up'"):
        client.tap(client.find(text="Sign up"))
    with pytest.raises(TypeError, match="Checkbox 'Send me news' is not a text field"):
        client.enter_text(box, "x")


def test_the_readme_example_runs_as_written(navkit_client: Client) -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    (source,) = [block for block in blocks if "client.enter_text(" in block]
    namespace: dict[str, Any] = {"__name__": "readme_test"}
    exec(compile(source, str(README), "exec"), namespace)  # our own README's code
    made: list[FletTestClient] = []

    def client(*args: Any, **options: Any) -> FletTestClient:
        made.append(navkit_client(*args, **options))
        return made[-1]

    namespace["test_signing_in"](client)
    assert made[0].page.route == "/account" and made[0].find(text="Signed in as Ada.")


def test_typing_stops_at_max_length_and_tooltips_match_a_pattern(navkit_client: Client) -> None:
    router = navkit.Router()

    @router.route("/")
    def home() -> list[ft.Control]:
        return [
            ft.TextField(label="Code", max_length=3, key="code"),
            ft.IconButton(ft.Icons.DELETE, tooltip="Delete note 7"),
        ]

    client = navkit_client(router)
    code = client.find(key="code")
    client.enter_text(code, "abcdef")
    assert code.value == "abc"  # as the client takes no key past max_length
    assert isinstance(client.find(tooltip=re.compile(r"^Delete note \d+$")), ft.IconButton)


def test_a_tap_whose_handler_waits_for_a_picked_page_returns_on_that_page(
    navkit_client: Client,
) -> None:
    router = navkit.Router()
    picked: list[object] = []

    @router.route("/", title="Home")
    def home(nav: navkit.Navigator) -> list[ft.Control]:
        async def choose(_: object) -> None:
            picked.append(await nav.push_for_result("/colours"))
            nav.page.show_dialog(ft.SnackBar(ft.Text(f"Picked {picked[-1]}")))

        return [ft.Button("Choose a colour", on_click=choose)]

    @router.route("/colours", title="Colours")
    def colours(nav: navkit.Navigator) -> list[ft.Control]:
        return [ft.Button("Green", on_click=lambda _: nav.pop(result="green"))]

    client = navkit_client(router)
    client.tap(client.find(text="Choose a colour"))  # returns with the picker shown
    assert client.titles == ["Home", "Colours"] and picked == []
    client.tap(client.find(text="Green"))  # the handler goes on to its SnackBar
    assert picked == ["green"] and client.titles == ["Home"]
    assert client.find(text="Picked green")
