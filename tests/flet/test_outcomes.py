"""Every navigation is awaitable: a frozen outcome, on the client stand-in.

An app's handler awaits ``nav.go(...)`` to know whether the page it asked
for is shown, and sync code ignores it as before. Each outcome is what a
user would see: the page landed (maybe redirected), an error page, the page
staying because a guard or leave check said no, or another navigation
winning.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import flet as ft
import pytest

import navkit
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


def app(release: asyncio.Event | None = None) -> navkit.Router:
    router = navkit.Router()

    @router.route("/")
    def home() -> list[ft.Control]:
        return [ft.Text("home")]

    @router.route("/notes")
    def notes() -> list[ft.Control]:
        return [ft.Text("notes")]

    @router.route("/slow")
    async def slow() -> list[ft.Control]:
        if release is not None:
            await release.wait()
        return [ft.Text("slow")]

    def members_only(navigation: navkit.Navigation) -> bool:
        return False

    router.add_route("/club", lambda: [ft.Text("club")], endpoint="club", guards=[members_only])
    router.add_route("/old", endpoint="old", redirect_to="notes")
    return router


def go_and_wait(client: FletTestClient, target: str) -> navkit.NavigationOutcome:
    async def handler() -> navkit.NavigationOutcome:
        return await client.navigator.go(target)

    return client.call(handler)


def test_an_awaited_go_lands_with_the_address_shown(navkit_client: Client) -> None:
    client = navkit_client(app())
    outcome = go_and_wait(client, "/notes")
    assert outcome == navkit.Landed("/notes") and not outcome.redirected
    assert client.page.route == "/notes"


def test_a_redirect_lands_with_its_chain(navkit_client: Client) -> None:
    client = navkit_client(app())
    outcome = go_and_wait(client, "/old")
    assert isinstance(outcome, navkit.Landed)
    assert outcome.address == "/notes" and outcome.redirected_from == ("/old",)


def test_a_page_that_is_not_there_fails_with_its_error(navkit_client: Client) -> None:
    client = navkit_client(app())
    outcome = go_and_wait(client, "/nowhere")
    assert isinstance(outcome, navkit.Failed) and outcome.error.code == 404
    assert client.titles[-1] == "Page not found"


def test_a_guard_s_no_is_refused_by_that_guard_and_the_page_stays(navkit_client: Client) -> None:
    client = navkit_client(app(), route="/notes")
    outcome = go_and_wait(client, "/club")
    assert isinstance(outcome, navkit.Refused) and outcome.address == "/club"
    assert outcome.by.endswith("members_only")
    assert client.page.route == "/notes"


def test_a_leave_check_s_no_is_refused_by_that_check(navkit_client: Client) -> None:
    router = app()

    @router.route("/edit")
    def edit(nav: navkit.Navigator) -> list[ft.Control]:
        def unsaved_changes(navigation: navkit.Navigation) -> bool:
            return False

        nav.on_leave(unsaved_changes)
        return [ft.TextField(label="Text")]

    client = navkit_client(router, route="/edit")
    outcome = go_and_wait(client, "/notes")
    assert isinstance(outcome, navkit.Refused) and outcome.by.endswith("unsaved_changes")
    assert client.page.route == "/edit"


def test_an_overtaken_navigation_is_cancelled_by_the_one_that_won(navkit_client: Client) -> None:
    release = asyncio.Event()
    client = navkit_client(app(release))
    slow = client.call(client.navigator.go, "/slow", wait=False)
    assert not slow.done()
    notes = client.call(client.navigator.go, "/notes")
    client.call(release.set)
    assert slow.outcome == navkit.Cancelled("/slow", by="/notes")
    assert notes.outcome == navkit.Landed("/notes") and client.page.route == "/notes"


def test_sync_callers_read_the_result_as_before(navkit_client: Client) -> None:
    client = navkit_client(app())
    nav = client.navigator
    assert not client.call(nav.back)  # nothing to go back to
    assert client.call(nav.back).outcome == navkit.Refused("/", "no entry")
    client.go("/notes")
    assert client.call(nav.back) and client.page.route == "/"
    assert not client.call(nav.pop)  # the last view


def test_whoever_awaits_a_navigation_hears_when_the_page_closes(navkit_client: Client) -> None:
    release = asyncio.Event()
    client = navkit_client(app(release))
    slow = client.call(client.navigator.go, "/slow", wait=False)

    def closed() -> None:
        client.session.close()  # as Flet closes a session whose tab is gone

    client.call(closed, wait=False)
    assert slow.outcome == navkit.Cancelled("/slow")


def test_a_navigation_made_offline_still_settles(navkit_client: Client) -> None:
    client = navkit_client(app())
    client.disconnect()
    outcome = go_and_wait(client, "/notes")
    assert outcome == navkit.Landed("/notes")
    client.reconnect()  # the client still shows / and reports it: the page follows it
    assert client.page.route == client.url


# -- fresh data: refresh and invalidate never cancel the navigation they follow --


class Notes:
    """A tiny notes store and app: a list, a note, an editor with an async leave check."""

    def __init__(self) -> None:
        self.texts = {1: "Buy milk"}
        self.built: list[str] = []
        self.router = navkit.Router()
        router = self.router

        @router.route("/")
        def index() -> list[ft.Control]:
            self.built.append("list")
            return [ft.Text(text) for text in self.texts.values()]

        @router.route("/note/:note_id")
        def note(note_id: int) -> ft.View:
            self.built.append(f"note {note_id}")
            return ft.View(
                appbar=ft.AppBar(title=ft.Text("Note")), controls=[ft.Text(self.texts[note_id])]
            )

        @router.route("/note/:note_id/edit")
        def edit(nav: navkit.Navigator, note_id: int) -> ft.View:
            self.built.append(f"edit {note_id}")

            async def discard(navigation: navkit.Navigation) -> bool:
                await asyncio.sleep(0)  # as a dialog's answer would
                return True

            nav.on_leave(discard)
            return ft.View(appbar=ft.AppBar(title=ft.Text("Edit note")), controls=[])


def shown_text(client: FletTestClient) -> str:
    return str(client.page.views[-1].controls[0].value)  # type: ignore[attr-defined]


def test_a_refresh_right_after_go_lets_the_go_land_with_fresh_views(
    navkit_client: Client,
) -> None:
    notes = Notes()
    client = navkit_client(notes.router, route="/note/1/edit")
    notes.texts[1] = "Buy oat milk"  # saved

    def save_and_show() -> None:
        nav = client.navigator
        nav.go("/note/1")  # the async leave check makes it wait
        nav.refresh()  # used to cancel the go: the editor stayed

    client.call(save_and_show)
    assert client.titles[-1] == "Note" and client.page.route == "/note/1"
    assert shown_text(client) == "Buy oat milk"
    assert client.view_routes == ["/", "/note/1"]


def test_go_with_refresh_builds_the_kept_levels_again(navkit_client: Client) -> None:
    notes = Notes()
    client = navkit_client(notes.router, route="/note/1")
    notes.built.clear()
    notes.texts[1] = "Buy bread"
    client.go("/")  # kept: the list is not built again
    assert notes.built == []
    client.go("/note/1")
    notes.built.clear()
    client.call(lambda: client.navigator.go("/", refresh=True))
    assert notes.built == ["list"] and shown_text(client) == "Buy bread"


def test_invalidate_rebuilds_a_level_beneath_when_it_shows_again(navkit_client: Client) -> None:
    notes = Notes()
    client = navkit_client(notes.router, route="/note/1/edit")
    notes.texts[1] = "Call Ada"
    notes.built.clear()
    pending = client.call(client.navigator.invalidate, "note", note_id=1)
    assert pending.outcome == navkit.Landed("/note/1/edit") and notes.built == []  # not shown
    client.app_bar_back()
    assert notes.built == ["note 1"] and shown_text(client) == "Call Ada"
    client.app_bar_back()
    assert notes.built == ["note 1"]  # the list was not invalidated: kept


def test_invalidate_of_a_shown_level_rebuilds_it_now_and_can_be_awaited(
    navkit_client: Client,
) -> None:
    notes = Notes()
    client = navkit_client(notes.router, route="/note/1")
    notes.texts[1] = "Water plants"
    notes.built.clear()

    async def handler() -> Any:
        return await client.navigator.invalidate("note")

    outcome = client.call(handler)
    assert outcome == navkit.Landed("/note/1") and notes.built == ["note 1"]
    assert shown_text(client) == "Water plants" and client.entries[-1] == "/note/1"


@pytest.mark.parametrize("then", ["overtaken", "refused"])
def test_a_refresh_waiting_on_a_navigation_follows_whatever_it_became(
    navkit_client: Client, then: str
) -> None:
    release = asyncio.Event()
    router = app(release)
    client = navkit_client(router, route="/notes")
    built_before = client.page.views[-1]
    client.call(client.navigator.go, "/slow" if then == "overtaken" else "/club", wait=False)
    refreshed = client.call(client.navigator.refresh, wait=False)
    if then == "overtaken":
        client.call(client.navigator.go, "/")
    client.call(release.set)
    client.settle()
    assert isinstance(refreshed.outcome, navkit.Landed)
    assert client.page.route == ("/" if then == "overtaken" else "/notes")
    assert client.page.views[-1] is not built_before  # built again: fresh
