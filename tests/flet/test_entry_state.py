"""State outside the URL: ``nav.go(target, state=obj)`` hands an object to the next page.

The object is kept with its history entry: Back and Forward give it back,
and the browser tab keeps it (JSON, or the router's ``state_codec``) so a
new Flet session -- the tab's worker died -- shows it again. An object the
codec cannot encode stays with the page: after a new session it is None.
Tested next to an app's own ``on_route_change`` and a dialog, on the client
stand-in, which plays the history script and the tab's sessionStorage.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import flet as ft

import navkit
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


@dataclass(frozen=True)
class Draft:
    title: str
    words: int


def notes_app(**router_options: Any) -> tuple[navkit.Router, list[Any]]:
    """A list and a detail view that shows the state its entry holds; ``seen`` records it."""
    router = navkit.Router(**router_options)
    seen: list[Any] = []

    @router.route("/")
    def home() -> ft.View:
        return ft.View(
            route="/", controls=[ft.Text("Home")], appbar=ft.AppBar(title=ft.Text("Home"))
        )

    @router.route("/notes/:note_id")
    def note(note_id: int, navigation: navkit.Navigation) -> ft.View:
        seen.append(navigation.state)
        title = f"Note {note_id}"
        return ft.View(
            controls=[ft.Text(repr(navigation.state)[:40])], appbar=ft.AppBar(title=ft.Text(title))
        )

    @router.route("/notes/:note_id/edit")
    def edit(note_id: int) -> ft.View:
        return ft.View(appbar=ft.AppBar(title=ft.Text(f"Edit {note_id}")))

    @router.route("/slow/:n")
    async def slow(n: int, navigation: navkit.Navigation) -> ft.View:
        await asyncio.sleep(0.2)
        seen.append(navigation.state)
        return ft.View(appbar=ft.AppBar(title=ft.Text(f"Slow {n}")))

    return router, seen


def stored_states(client: FletTestClient) -> list[Any]:
    """What the tab's sessionStorage holds per entry, decoded (None: none)."""
    return [
        json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))) if text else None
        for text in client.tab.states
    ]


def test_back_and_forward_give_the_entrys_state_back(navkit_client: Client) -> None:
    router, seen = notes_app()
    client = navkit_client(router)
    selection = {"from": "search", "ids": [1, 2]}
    client.call(lambda: client.navigator.go("/notes/1", state=selection))
    client.settle()
    client.go("/notes/2")
    assert seen == [selection, None] and client.navigator.state is None
    client.browser_back()
    assert client.titles[-1] == "Note 1"
    assert seen[-1] is selection and client.navigator.state is selection  # the object itself
    client.browser_forward()
    assert seen[-1] is None
    client.call(client.navigator.back)
    client.settle()
    assert client.navigator.state is selection


def test_the_tab_keeps_the_state_and_a_new_session_shows_it(navkit_client: Client) -> None:
    router, seen = notes_app()
    heard: list[str] = []

    def main(page: ft.Page) -> None:
        page.on_route_change = lambda event: heard.append(event.route)

    client = navkit_client(router, main=main)
    client.call(lambda: client.navigator.go("/notes/1", state={"scroll": 120, "tag": "é"}))
    client.settle()
    assert stored_states(client) == [None, {"scroll": 120, "tag": "é"}]
    assert heard == ["/notes/1"]  # the app hears its address, never the script's command
    assert client.entries == ["/", "/notes/1"] and client.client_route == "/notes/1"
    client.new_session()  # the worker serving the tab died: a process that never saw it
    client.settle()
    assert client.titles[-1] == "Note 1"
    assert client.navigator.state == {"scroll": 120, "tag": "é"}
    assert seen[-1] == {"scroll": 120, "tag": "é"}  # the view was built again with it
    client.app_bar_back()
    assert client.titles == ["Home"] and client.navigator.state is None
    client.browser_forward()
    assert client.navigator.state == {"scroll": 120, "tag": "é"}


def test_a_state_json_cannot_hold_stays_with_the_page(navkit_client: Client) -> None:
    router, _seen = notes_app()
    client = navkit_client(router)
    draft = Draft("Groceries", 3)
    client.call(lambda: client.navigator.go("/notes/1", state=draft))
    client.settle()
    client.go("/")
    client.browser_back()
    assert client.navigator.state is draft  # within the session: the object itself
    assert stored_states(client) == [None, None, None][: len(client.entries)]
    client.new_session()
    client.settle()
    assert client.titles[-1] == "Note 1" and client.navigator.state is None  # as documented


def test_a_codec_of_the_apps_own_brings_its_objects_back(navkit_client: Client) -> None:
    codec = navkit.StateCodec(
        encode=lambda draft: json.dumps(asdict(draft)),
        decode=lambda text: Draft(**json.loads(text)),
    )
    router, seen = notes_app(state_codec=codec)
    client = navkit_client(router)
    client.call(lambda: client.navigator.go("/notes/1", state=Draft("Groceries", 3)))
    client.settle()
    client.new_session()
    client.settle()
    assert client.navigator.state == Draft("Groceries", 3)
    assert seen[-1] == Draft("Groceries", 3)


def test_a_codec_that_fails_on_what_the_tab_sent_gives_none_and_keeps_the_history(
    navkit_client: Client,
) -> None:
    def refuse(text: str) -> Any:
        raise KeyError(text)  # an app's decoder may raise anything

    router, _ = notes_app(state_codec=navkit.StateCodec(encode=json.dumps, decode=refuse))
    client = navkit_client(router)
    client.call(lambda: client.navigator.go("/notes/1", state=[1, 2]))
    client.settle()
    client.new_session()
    client.settle()
    assert client.navigator.state is None
    client.app_bar_back()  # the history itself came back: Back is a step, not a rewrite
    assert client.titles == ["Home"] and len(client.entries) == 2


def test_a_state_too_big_for_the_tab_stays_with_the_page(navkit_client: Client) -> None:
    router, _ = notes_app()
    client = navkit_client(router)
    big = "x" * 10_000
    before = client.sent_bytes
    client.call(lambda: client.navigator.go("/notes/1", state=big))
    client.settle()
    assert client.navigator.state is big and stored_states(client) == [None, None]
    assert client.sent_bytes - before < 10_000  # never sent to the tab


def test_go_to_the_address_shown_with_a_new_state_rebuilds_the_top_only(
    navkit_client: Client,
) -> None:
    router, seen = notes_app()
    client = navkit_client(router, route="/notes/1")
    home = client.page.views[0]
    length = len(client.entries)
    client.call(lambda: client.navigator.go("/notes/1", state={"v": 2}))
    client.settle()
    assert seen == [None, {"v": 2}] and client.page.views[0] is home
    assert len(client.entries) == length and stored_states(client)[-1] == {"v": 2}
    client.go("/notes/1")  # the same address, no state given: nothing changes
    assert len(seen) == 2 and client.navigator.state == {"v": 2}


def test_update_query_and_replace_keep_or_set_the_state(navkit_client: Client) -> None:
    router, _ = notes_app()
    client = navkit_client(router)
    client.call(lambda: client.navigator.go("/notes/1", state={"v": 1}))
    client.settle()
    client.call(lambda: client.navigator.update_query(tab="links"))
    client.settle()
    assert client.navigator.address == "/notes/1?tab=links"
    assert client.navigator.state == {"v": 1}  # the same page: its state stays
    client.call(lambda: client.navigator.replace("/notes/2", state={"v": 2}))
    client.settle()
    assert stored_states(client)[client.index] == {"v": 2}
    client.call(lambda: client.navigator.replace("/notes/3"))
    client.settle()
    assert client.navigator.state is None and stored_states(client)[client.index] is None


def test_an_overtaken_navigation_leaves_no_state_behind(navkit_client: Client) -> None:
    router, seen = notes_app()
    client = navkit_client(router)
    client.call(lambda: client.navigator.go("/slow/1", state="first"), wait=False)
    client.call(lambda: client.navigator.go("/notes/2", state="second"))
    client.settle()
    assert client.titles[-1] == "Note 2" and client.navigator.state == "second"
    assert stored_states(client) == [None, "second"] and "first" not in seen


def test_on_desktop_the_state_lives_in_navkits_own_history(navkit_client: Client) -> None:
    router, seen = notes_app()
    client = navkit_client(router, web=False)
    client.call(lambda: client.navigator.go("/notes/1", state=("a", 1)))
    client.settle()
    client.go("/notes/2")
    client.call(client.navigator.back)
    client.settle()
    assert client.navigator.state == ("a", 1) and seen[-1] == ("a", 1)
    client.app_bar_back()
    assert client.titles == ["Home"] and client.navigator.state is None


def test_a_dialog_open_over_the_page_stays_while_the_state_changes(navkit_client: Client) -> None:
    router, seen = notes_app()
    client = navkit_client(router, route="/notes/1")
    dialog = ft.AlertDialog(title=ft.Text("Share"))
    client.call(lambda: client.page.show_dialog(dialog))
    client.settle()
    client.call(lambda: client.navigator.go("/notes/1", state={"shared": True}))
    client.settle()
    assert seen[-1] == {"shared": True} and dialog.open


def test_the_back_arrow_returns_to_the_entry_and_its_state(navkit_client: Client) -> None:
    router, seen = notes_app()
    client = navkit_client(router)
    client.call(lambda: client.navigator.go("/notes/1", state={"from": "list"}))
    client.settle()
    client.go("/notes/1/edit")
    assert client.navigator.state is None
    client.app_bar_back()  # a step back in the tab's history, to the entry holding it
    assert client.titles == ["Home", "Note 1"] and client.index == 1
    assert client.navigator.state == {"from": "list"} and len(seen) == 1  # kept, not rebuilt


def test_a_state_utf8_cannot_hold_or_a_codec_giving_no_text_stays_with_the_page(
    navkit_client: Client,
) -> None:
    for options, state in (
        ({}, {"name": "\udcff.txt"}),  # an undecodable file name: a lone surrogate
        ({"state_codec": navkit.StateCodec(encode=lambda s: b"bytes", decode=str)}, "x"),
    ):
        router, _ = notes_app(**options)
        client = navkit_client(router)
        client.call(lambda c=client, s=state: c.navigator.go("/notes/1", state=s))
        client.settle()
        assert client.titles[-1] == "Note 1" and client.entries == ["/", "/notes/1"]
        assert client.navigator.state == state and stored_states(client) == [None, None]
        client.go("/")
        assert client.navigator.history.entries == tuple(client.entries)


def test_a_push_with_a_state_lost_with_the_connection_is_forgotten(
    navkit_client: Client,
) -> None:
    router, _ = notes_app()
    client = navkit_client(router)
    client.call(lambda: client.navigator.go("/notes/1", state="first"))
    client.settle()
    client.disconnect()
    client.call(lambda: client.navigator.go("/notes/2", state="dropped"))  # never reaches it
    client.reconnect()
    assert client.entries == ["/", "/notes/1"]
    assert client.navigator.history.entries == ("/", "/notes/1")
    assert client.navigator.state == "first" and client.titles[-1] == "Note 1"


def test_a_redirect_landing_on_the_page_shown_with_a_new_state_rebuilds_it(
    navkit_client: Client,
) -> None:
    router, seen = notes_app()
    router.add_route("/latest", endpoint="latest", redirect_to="/notes/1")
    client = navkit_client(router, route="/notes/1")
    client.call(lambda: client.navigator.go("/latest", state="via the redirect"))
    client.settle()
    assert seen[-1] == "via the redirect" and client.navigator.state == "via the redirect"


def test_a_tab_handing_back_nan_or_infinity_gives_none(navkit_client: Client) -> None:
    router, _ = notes_app()
    client = navkit_client(router)
    client.call(lambda: client.navigator.go("/notes/1", state=1))
    client.settle()
    for text in ("NaN", "1e400", "[Infinity]"):
        client.tab.states[-1] = base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
        client.new_session()
        assert client.titles[-1] == "Note 1" and client.navigator.state is None


def test_push_for_result_hands_its_state_over(navkit_client: Client) -> None:
    router, seen = notes_app()
    client = navkit_client(router)
    picked = client.loop.create_task(client.navigator.push_for_result("/notes/2", state="pick"))
    client.settle_until(lambda: client.page.route != "/")
    assert client.navigator.address == "/notes/2" and seen[-1] == "pick"  # not ?state=pick
    client.call(lambda: client.navigator.pop(result=7))
    client.settle_until(picked.done)
    assert picked.result() == 7


def test_a_pop_that_rewrites_its_entry_shows_no_older_entrys_state(
    navkit_client: Client,
) -> None:
    # Found by the model-based test: Home's state is two entries back, but the
    # pop closes one view, so its entry is rewritten -- with no state.
    router, _ = notes_app()
    client = navkit_client(router)
    client.call(lambda: client.navigator.go("/", state="home's"))
    client.settle()
    client.go("/notes/1?tab=links")
    client.call(lambda: client.navigator.go("/notes/1", state="note's"))
    client.settle()
    client.call(client.navigator.pop)
    client.settle()
    assert client.entries == ["/", "/notes/1?tab=links", "/"] and client.index == 2
    assert client.navigator.state is None and stored_states(client) == ["home's", None, None]


def test_browser_forward_to_an_entry_of_the_same_address_shows_its_own_state(
    navkit_client: Client,
) -> None:
    # Found by the model-based test: two entries of one address, one state.
    router, seen = notes_app()
    client = navkit_client(router)
    client.go("/notes/1")
    client.go("/notes/1?tab=links")
    client.call(lambda: client.navigator.replace("/notes/1"))  # two /notes/1 entries now
    client.settle()
    client.browser_back()
    client.call(lambda: client.navigator.go("/notes/1", state="the first"))
    client.settle()
    client.browser_forward()  # the second entry: no state
    assert client.navigator.state is None and seen[-1] is None
    client.browser_back()
    assert client.navigator.state == "the first" and seen[-1] == "the first"


def test_a_navigation_a_guard_sends_back_to_the_page_shown_keeps_its_state(
    navkit_client: Client,
) -> None:
    # Found by the model-based test: redirected home, nothing of the page changes.
    router, _ = notes_app()

    @router.guard
    def closed_note(navigation: navkit.Navigation) -> Any:
        return "/notes/1" if navigation.path == "/notes/2" else None

    client = navkit_client(router, web=False)
    client.call(lambda: client.navigator.go("/notes/2", state="kept"))  # lands on /notes/1
    client.settle()
    assert client.navigator.address == "/notes/1" and client.navigator.state == "kept"
    client.go("/notes/2")  # no state given, redirected to the page shown: it stays
    assert client.navigator.state == "kept"
    client.call(client.navigator.back)  # home's entry, but "/" is fine: a real move
    client.settle()
    assert client.navigator.address == "/" and client.navigator.state is None


def test_an_address_typed_and_redirected_to_the_page_shown_is_a_new_entry_without_state(
    navkit_client: Client,
) -> None:
    # Found by the model-based history test: the typed entry took the shown page's state.
    router = navkit.Router()

    @router.guard
    def signed_out(navigation: navkit.Navigation) -> navkit.Redirect | None:
        return navkit.redirect("/login") if navigation.path == "/" else None

    router.add_route("/", lambda: [ft.Text("home")], endpoint="home")
    router.add_route("/login", lambda: [ft.Text("login")], endpoint="login")
    client = navkit_client(router, route="/")
    assert client.navigator.address == "/login"
    client.call(lambda: client.navigator.go("/", state={"tag": 0}))  # redirected: stays, state set
    assert client.navigator.state == {"tag": 0}
    client.open("/")  # typed: the browser's new entry, redirected to the page shown
    assert client.entries == ["/login", "/login"] and client.index == 1
    assert client.navigator.state is None  # a new entry holds no state
    client.browser_back()
    assert client.navigator.state == {"tag": 0}  # the first entry kept its own
