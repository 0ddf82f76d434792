"""Leave confirmation: a form with unsaved changes asks before being left."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import flet as ft
import pytest

import navkit
from navkit import Navigation, Source
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


class FormApp:
    def __init__(self, *, asynchronous: bool = False) -> None:
        self.dirty = True
        self.asked: list[tuple[str, Source]] = []
        router = self.router = navkit.Router()

        @router.route("/", title="Home")
        def home() -> list[ft.Control]:
            return []

        @router.route("/form", title="Form")
        def form(nav: navkit.Navigator) -> list[ft.Control]:
            def discard_changes(navigation: Navigation) -> bool:
                self.asked.append((navigation.address, navigation.source))
                return not self.dirty

            async def ask_in_a_dialog(navigation: Navigation) -> bool:
                await asyncio.sleep(0.01)  # the user reads "Discard changes?"
                return discard_changes(navigation)

            nav.on_leave(ask_in_a_dialog if asynchronous else discard_changes)
            return [ft.TextField(label="Name")]

        @router.route("/form/help", title="Help")
        def help() -> list[ft.Control]:
            return []


@pytest.fixture(params=[False, True], ids=["sync check", "async check"])
def app(request: pytest.FixtureRequest) -> FormApp:
    return FormApp(asynchronous=request.param)


def test_go_is_refused_while_dirty(navkit_client: Client, app: FormApp) -> None:
    client = navkit_client(app.router, route="/form")
    field = client.page.views[-1].controls[0]
    client.go("/")
    assert client.page.route == "/form" and client.page.views[-1].controls[0] is field
    assert app.asked == [("/", Source.GO)]
    app.dirty = False
    client.go("/")
    assert client.page.route == "/"


def test_app_bar_back_is_refused_and_the_view_comes_back(
    navkit_client: Client, app: FormApp
) -> None:
    client = navkit_client(app.router, route="/form")
    client.app_bar_back()
    assert client.view_routes == ["/", "/form"] and client.page.route == "/form"
    assert app.asked[-1][1] is Source.VIEW_POP
    app.dirty = False
    client.app_bar_back()
    assert client.view_routes == ["/"]


def test_browser_back_is_refused_and_the_address_put_back(
    navkit_client: Client, app: FormApp
) -> None:
    client = navkit_client(app.router)
    client.go("/form")
    client.browser_back()
    assert client.page.route == client.client_route == "/form"
    assert client.navigator.history.current == "/form"
    assert client.navigator.history.entries == tuple(client.entries)


def test_pop_and_back_are_refused(navkit_client: Client, app: FormApp) -> None:
    client = navkit_client(app.router, route="/", web=False)
    client.go("/form")
    client.call(client.navigator.pop)
    client.call(client.navigator.back)
    assert client.page.route == "/form"
    assert [source for _, source in app.asked] == [Source.POP, Source.BACK]


def test_going_deeper_keeps_the_form_and_does_not_ask(navkit_client: Client, app: FormApp) -> None:
    client = navkit_client(app.router, route="/form")
    client.go("/form/help")
    assert client.view_routes == ["/", "/form", "/form/help"] and app.asked == []
    client.go("/")  # now the form would go: asked
    assert client.page.route == "/form/help" and len(app.asked) == 1


def test_a_failing_check_keeps_the_page(navkit_client: Client) -> None:
    router = navkit.Router()
    router.add_route("/", lambda: [], endpoint="home")

    def form(nav: navkit.Navigator) -> list[ft.Control]:
        nav.on_leave(lambda navigation: 1 / 0)
        return []

    router.add_route("/form", form)
    client = navkit_client(router, route="/form")
    client.go("/")
    assert client.page.route == "/form"


def test_refused_app_bar_back_shows_the_same_view_again(
    navkit_client: Client, app: FormApp
) -> None:
    client = navkit_client(app.router, route="/form")
    view = client.page.views[-1]
    field = view.controls[0]
    field.value = "typed"  # type: ignore[attr-defined]
    client.app_bar_back()
    # The client asked first (confirm_pop) and never hid it: what was typed stays.
    assert client.page.views[-1] is view and view.controls[0].value == "typed"  # type: ignore[attr-defined]
    assert client.shown_routes[-1] == "/form"
