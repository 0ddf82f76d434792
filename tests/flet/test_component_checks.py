"""Components' leave checks and parked state, in both modes (found by an adversarial review).

Each test runs on a page navkit is attached to and on one rendered with
``page.render_views(navkit.Views, router)``: a form's check stays with its
level while another level builds; two forms on one page are both asked; a
component that leaves the page takes its check along; a parked tab's
components keep the app's contexts and their observables.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import flet as ft
import pytest

import navkit
from navkit.testing import FletTestClient
from tests.flet.test_components import shown_texts, tap

Client = Callable[..., FletTestClient]
Theme = ft.create_context("light")


@pytest.fixture(params=["attached", "components"])
def opened(request: pytest.FixtureRequest, navkit_client: Client) -> Callable[..., FletTestClient]:
    """Opens a router in one mode: attached, or rendered by navkit.Views."""

    def open_page(router: navkit.Router, route: str = "/") -> FletTestClient:
        if request.param == "attached":
            return navkit_client(router, route=route)

        def main(page: ft.Page) -> None:
            page.render_views(navkit.Views, router)

        client = navkit_client(None, route=route, main=main)
        client.settle()
        return client

    return open_page


def home_router() -> navkit.Router:
    router = navkit.Router()

    @router.route("/")
    @ft.component
    def Home() -> ft.Control:
        return ft.Text("home")

    return router


def test_a_forms_check_stays_with_it_while_another_level_builds(opened: Any) -> None:
    router, asked = home_router(), []

    @router.route("/edit")
    @ft.component
    def Edit() -> ft.Control:
        text, set_text = ft.use_state("")
        busy = navkit.use_navigation().loading  # renders the form again as a push waits
        nav = navkit.use_navigator()

        def check(navigation: navkit.Navigation) -> bool:
            asked.append(text)
            return not text

        navkit.use_leave_check(check)
        return ft.Column(
            [
                ft.Text(f"draft {text!r}"),
                ft.Button("Type", on_click=lambda _: set_text("x")),
                ft.Button("Preview", disabled=busy, on_click=lambda _: nav.go("/edit/preview")),
            ]
        )

    @router.route("/edit/preview")
    async def preview() -> list[ft.Control]:
        await asyncio.sleep(0.05)
        return [ft.Text("preview")]

    client = opened(router, "/edit")
    tap(client, "Type")
    tap(client, "Preview")
    assert client.navigator.address == "/edit/preview"
    client.app_bar_back()  # closing the preview closes nothing of the form
    assert client.navigator.address == "/edit" and asked == []
    client.app_bar_back()  # closing the form asks it: a draft, so the user stays
    assert client.navigator.address == "/edit" and asked == ["x"]


def test_every_form_of_a_page_is_asked(opened: Any) -> None:
    router, asked = home_router(), []

    @ft.component
    def Form(name: str) -> ft.Control:
        text, set_text = ft.use_state("")
        shown, set_shown = ft.use_state(False)

        def check(navigation: navkit.Navigation) -> bool:
            asked.append((name, text))
            return not text

        navkit.use_leave_check(check)
        return ft.Column(
            [
                ft.Text(f"{name} {text!r}"),
                ft.Button(f"Type {name}", on_click=lambda _: set_text("draft")),
                ft.Button(f"Toggle {name}", on_click=lambda _: set_shown(not shown)),
            ]
        )

    @router.route("/profile")
    def profile() -> list[ft.Control]:
        return [Form("address"), Form("billing")]

    client = opened(router, "/profile")
    tap(client, "Type address")
    tap(client, "Toggle billing")  # the other form renders last
    client.app_bar_back()
    assert client.navigator.address == "/profile"  # the address form's draft keeps the user
    assert ("address", "draft") in asked


def test_a_component_that_leaves_the_page_takes_its_check_along(opened: Any) -> None:
    router, asked = home_router(), []

    @ft.component
    def InlineEditor(close: Callable[[], None]) -> ft.Control:
        text, set_text = ft.use_state("")

        def check(navigation: navkit.Navigation) -> bool:
            asked.append(text)
            return not text

        navkit.use_leave_check(check)
        return ft.Column(
            [
                ft.Text(f"editing {text!r}"),
                ft.Button("Type", on_click=lambda _: set_text("draft")),
                ft.Button("Discard", on_click=lambda _: close()),
            ]
        )

    @router.route("/note")
    @ft.component
    def Note() -> ft.Control:
        editing, set_editing = ft.use_state(True)
        editor = InlineEditor(lambda: set_editing(False))
        return ft.Column([ft.Text("note"), ft.Container(editor) if editing else ft.Text("done")])

    client = opened(router, "/note")
    tap(client, "Type")
    tap(client, "Discard")  # the editor is gone, and its draft with it
    assert shown_texts(client) == ["note", "done"]
    client.app_bar_back()
    assert client.navigator.address == "/" and asked == []


@ft.observable
@dataclass
class Session:
    user: str = "anon"


def shell_router(view: Callable[..., Any]) -> navkit.Router:
    shell = navkit.Shell("app")
    feed = shell.branch("feed", label="Feed", icon=ft.Icons.HOME, route="/feed")
    other = shell.branch("other", label="Other", icon=ft.Icons.SEARCH, route="/other")
    feed.add_route("/feed", view, endpoint="feed")
    other.add_route("/other", ft.component(lambda: ft.Text("other")), endpoint="other")
    router = navkit.Router()
    router.register_blueprint(shell)
    return router


def test_a_parked_tab_keeps_the_apps_contexts_and_its_observables(navkit_client: Client) -> None:
    session = Session()

    @ft.component
    def Greeting() -> ft.Control:  # nested, no hooks of its own but the contexts
        return ft.Text(f"{ft.use_context(Theme)}: {ft.use_context(Store).user}")

    @ft.component
    def Feed() -> ft.Control:  # a layout with no hooks at all
        return ft.Column([Greeting()])

    Store = ft.create_context(None)
    router = shell_router(Feed)

    @ft.component
    def App() -> Any:
        return Theme("dark", lambda: Store(session, lambda: navkit.Views(router)))

    client = navkit_client(None, route="/feed", main=lambda page: page.render_views(App))
    client.settle()
    assert shown_texts(client) == ["dark: anon"]
    client.tap_destination("Other")
    client.call(setattr, session, "user", "bob")  # changed while the tab is parked
    client.settle()
    client.tap_destination("Feed")
    assert shown_texts(client) == ["dark: bob"]
    client.call(setattr, session, "user", "eve")  # and followed again once shown
    client.settle()
    assert shown_texts(client) == ["dark: eve"]


def test_a_redirect_or_abort_raised_in_a_later_render_is_acted_on(opened: Any) -> None:
    router = home_router()

    @ft.component
    def Account() -> ft.Control:
        state, set_state = ft.use_state("in")
        if state == "out":
            raise navkit.redirect("/login")  # as it would while the level builds
        if state == "gone":
            navkit.abort(404)
        return ft.Column(
            [
                ft.Button("Sign out", on_click=lambda _: set_state("out")),
                ft.Button("Delete", on_click=lambda _: set_state("gone")),
            ]
        )

    @ft.component
    def Counter() -> ft.Control:
        count, set_count = ft.use_state(0)
        return ft.Column(
            [ft.Text(f"count {count}"), ft.Button("Add", on_click=lambda _: set_count(count + 1))]
        )

    @router.route("/account")
    def account() -> list[ft.Control]:
        return [Account(), Counter()]

    @router.route("/login")
    @ft.component
    def Login() -> ft.Control:
        return ft.Text("login")

    client = opened(router, "/account")
    tap(client, "Sign out")
    assert client.navigator.address == "/login" and shown_texts(client) == ["login"]
    client.browser_back()  # built anew: a fresh component
    tap(client, "Add")  # the page's components still update (Flet's loop was started again)
    assert "count 1" in shown_texts(client)
    tap(client, "Delete")  # its level is built again, showing that error
    assert client.navigator.address == "/account" and "Page not found" in shown_texts(client)
    client.call(client.navigator.refresh)  # raised once: built again, the page is back
    assert "count 0" in shown_texts(client)


def test_a_component_failing_in_a_later_render_shows_its_levels_error_page(
    opened: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """As an error boundary would: the user sees what failed and Try again, not a dead button."""
    router = home_router()

    @ft.component
    def Fragile() -> ft.Control:
        broken, set_broken = ft.use_state(False)
        if broken:
            raise RuntimeError("a bug in the app's component")
        return ft.Button("Break", on_click=lambda _: set_broken(True))

    @ft.component
    def Counter() -> ft.Control:
        count, set_count = ft.use_state(0)
        return ft.Column(
            [ft.Text(f"count {count}"), ft.Button("Add", on_click=lambda _: set_count(count + 1))]
        )

    @router.route("/page")
    def page() -> list[ft.Control]:
        return [Fragile(), Counter()]

    client = opened(router, "/page")
    tap(client, "Break")
    assert "a component failed while rendering at /page" in caplog.text
    assert client.navigator.address == "/page" and "Something went wrong" in client.texts
    client.tap(client.find(text="Try again"))  # built anew: fresh components
    tap(client, "Add")
    assert "count 1" in shown_texts(client) and client.find(text="Break")


def test_a_view_component_returning_an_ft_view_gives_its_level_that_view(
    opened: Any, caplog: pytest.LogCaptureFixture
) -> None:
    router = home_router()

    @ft.component
    def Likes() -> ft.Control:
        likes, set_likes = ft.use_state(0)
        return ft.Column(
            [ft.Text(f"{likes} likes"), ft.Button("Like", on_click=lambda _: set_likes(likes + 1))]
        )

    @router.route("/photo")
    @ft.component
    def Photo() -> ft.View:  # Flet's idiom with ft.Router(manage_views=True)
        return ft.View(
            appbar=ft.AppBar(title=ft.Text("My photo")),
            floating_action_button=ft.FloatingActionButton(icon=ft.Icons.SHARE),
            controls=[ft.Text("a photo"), Likes()],
        )

    @router.route("/counter")
    @ft.component
    def Counter() -> ft.View:
        count, _ = ft.use_state(0)  # its own state: it cannot render the view again
        return ft.View(controls=[ft.Text(f"count {count}")])

    client = opened(router, "/photo")
    view = client.page.views[-1]
    assert client.titles == ["Home", "My photo"] and view.floating_action_button is not None
    assert view.route == "/photo" and client.navigator.can_pop
    tap(client, "Like")  # a component inside the view updates alone
    assert shown_texts(client) == ["a photo", "1 likes"]
    client.app_bar_back()
    assert client.navigator.address == "/"
    assert "returns an ft.View" not in caplog.text
    client.go("/counter")
    assert shown_texts(client) == ["count 0"] and "Counter returns an ft.View" in caplog.text
