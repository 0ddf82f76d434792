"""A tab outlives the process serving it: a new Flet session continues the tab's history.

Behind a load balancer the tab's worker may die or restart; the tab then
reconnects to a process that never saw it and gets a new session, whose
``main`` runs again. On the client stand-in (``client.new_session()``: the
tab keeps its browser history and its ``sessionStorage``) the user must not
notice: the same page, the back arrow going back through the browser's
entries, Back and Forward exact, a shell's tabs where they were left.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
from collections.abc import Callable
from typing import Any

import flet as ft
import pytest
from hypothesis import given
from hypothesis import strategies as st

import navkit
from examples import auth, store, tabs
from navkit.testing import FletTestClient
from tests.flet.test_examples import click

Client = Callable[..., FletTestClient]


def packed(stored: Any) -> str:
    """A tampered sessionStorage value, packed as the script packs it."""
    text = json.dumps(stored)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def exact(client: FletTestClient) -> None:
    """navkit's history is the browser's, entry for entry, and the page shows the entry."""
    assert client.navigator.history.entries == tuple(client.entries)
    assert client.navigator.history.index == client.index
    assert client.page.route == client.entries[client.index] == client.client_route


def test_after_a_failover_the_back_arrow_goes_back_through_the_browsers_entries(
    navkit_client: Client,
) -> None:
    client = navkit_client(store.router, main=store.main)
    client.go("store.store")
    client.go("store.item", item_id=42)
    length = len(client.entries)
    client.new_session()
    assert client.titles == ["Home", "Store", "Item"]
    exact(client)
    client.app_bar_back()  # was: a rewrite of the entry, so Back returned to the item
    assert client.titles == ["Home", "Store"]
    assert len(client.entries) == length and client.index == length - 2
    client.browser_forward()
    assert client.titles[-1] == "Item"
    client.browser_back()
    client.browser_back()
    assert client.titles == ["Home"]
    exact(client)


def test_navigator_back_and_forward_work_across_the_failover(navkit_client: Client) -> None:
    client = navkit_client(store.router, main=store.main)
    client.go("store.store")
    client.go("store.item", item_id=1)
    client.browser_back()  # Store, with the item ahead
    client.new_session()
    assert client.navigator.history.can_forward  # the entry ahead came back
    assert client.call(client.navigator.forward)
    assert client.titles[-1] == "Item" and client.page.route == "/store/1"
    assert client.call(client.navigator.back)
    assert client.page.route == "/store"
    exact(client)


def test_two_failovers_in_a_row_keep_the_history(navkit_client: Client) -> None:
    client = navkit_client(store.router, main=store.main)
    client.go("store.store")
    client.new_session()
    client.go("store.item", item_id=2)
    client.new_session()
    exact(client)
    assert client.entries == ["/", "/store", "/store/2"]
    client.app_bar_back()
    client.app_bar_back()
    assert client.titles == ["Home"] and client.index == 0 and len(client.entries) == 3


def test_a_shells_tabs_open_where_they_were_left(navkit_client: Client) -> None:
    client = navkit_client(tabs.router, route="/feed", main=tabs.main)
    click(client, "Post 3")
    assert client.page.route == "/feed/post/3"
    client.tap_destination("Profile")
    client.new_session()
    assert client.selected_destination == "Profile" and client.page.route == "/profile"
    client.tap_destination("Feed")
    assert client.page.route == "/feed/post/3"
    assert client.titles[-1] == "Post 3"
    client.browser_back()  # back to Profile, as before the failover
    assert client.page.route == "/profile" and client.selected_destination == "Profile"


def test_a_shell_left_before_the_failover_comes_back_fresh(navkit_client: Client) -> None:
    router = navkit.Router()
    router.register_blueprint(tabs.shell)
    router.add_route("/", endpoint="start", redirect_to="tabs.feed.home")
    router.add_route("/about", lambda: [ft.Text("about")], endpoint="about", root=True)
    client = navkit_client(router, route="/feed")
    client.go("/feed/post/2")
    client.go("/about")  # leaving the shell closes every branch
    client.go("/profile")
    client.new_session()
    client.tap_destination("Feed")
    assert client.page.route == "/feed"  # not the post: the shell was entered afresh


def test_guards_run_again_and_back_still_works(navkit_client: Client) -> None:
    """A login kept only in the session is gone with it: the account page asks again."""
    client = navkit_client(auth.router, main=auth.main)
    client.go("auth.account")  # → /login?next=/account, in place
    client.page.views[-1].controls[0].value = "ada"
    click(client, "Log in")
    assert client.page.route == "/account"
    client.go("auth.home")
    client.go("auth.account")
    client.new_session()  # the new session has no login
    assert client.page.route.startswith("/login?next=")
    assert client.titles[-1] == "Log in"
    exact(client)
    client.browser_back()
    assert client.page.route == "/"
    exact(client)


def test_a_navigation_loading_at_the_failover_leaves_the_tab_where_it_was(
    navkit_client: Client,
) -> None:
    """The click's navigation died with its process before it landed: nothing half-done shows."""
    started = []
    router = navkit.Router()
    router.add_route("/", lambda: [ft.Text("home")], endpoint="home")

    async def slow() -> list[ft.Control]:
        started.append(1)
        await asyncio.sleep(0.2)
        return [ft.Text("slow")]

    router.add_route("/slow", slow, endpoint="slow")
    client = navkit_client(router)
    client.call(client.navigator.go, "/slow", wait=False)
    assert started  # loading when the process dies
    client.new_session()
    assert client.page.route == client.client_route == "/"
    assert client.view_routes == ["/"]
    exact(client)
    client.go("/slow")  # the user clicks again: it lands
    assert client.view_routes == ["/", "/slow"] and client.entries == ["/", "/slow"]


def test_the_apps_own_route_handler_sees_only_app_addresses(navkit_client: Client) -> None:
    seen: list[tuple[str, str]] = []

    def main(page: ft.Page) -> None:
        def on_route_change(event: ft.RouteChangeEvent) -> None:
            seen.append((event.route, page.route))

        page.on_route_change = on_route_change

    client = navkit_client(store.router, main=main)
    client.go("store.store")
    client.go("store.item", item_id=1)
    client.app_bar_back()  # a history command: the browser goes back
    client.browser_back()  # a message from the script
    client.call(client.navigator.replace, "/store/2")  # a replace command
    client.browser_forward()
    client.new_session()  # a sync command and its answer (main runs again)
    routes = {route for pair in seen for route in pair}
    assert routes and not any(route.startswith("/__navkit__") for route in routes)
    assert ("/", "/") in seen  # browser Back: the address it moved to
    assert ("/store/2", "/store/2") in seen


@pytest.mark.parametrize(
    "stored",
    [
        "not base64 at all!",
        packed("a string"),
        packed({"v": 2, "first": 0, "at": 0, "entries": [["/", "k"]]}),
        packed({"v": 1, "first": 0, "at": 5, "entries": [["/", "k"]]}),
        packed({"v": 1, "first": 0, "at": 0, "entries": [["//evil.example", "k"]]}),
        packed({"v": 1, "first": 0, "at": 0, "entries": [["/", 7]]}),
        packed({"v": 1, "first": True, "at": 0, "entries": [["/", "k"]]}),
        packed({"v": 1, "first": 0, "at": 0, "entries": []}),
        packed({"v": 1, "first": 0, "at": 1, "entries": [["/", "a"], ["/elsewhere", "b"]]}),
        "A" * 200_000,
    ],
    ids=[
        "garbage",
        "not-an-object",
        "other-version",
        "position-outside",
        "another-host",
        "key-not-text",
        "bool-count",
        "no-entries",
        "shows-another-address",
        "too-long",
    ],
)
def test_a_tampered_store_falls_back_to_the_address_alone(
    navkit_client: Client, caplog: pytest.LogCaptureFixture, stored: str
) -> None:
    client = navkit_client(store.router, main=store.main)
    client.go("store.store")
    client.tab.stored_override = stored
    with caplog.at_level(logging.WARNING, logger="navkit"):
        client.new_session()
    assert "stored history is ignored" in caplog.text
    assert client.titles == ["Home", "Store"]
    assert client.navigator.history.entries == ("/store",)
    client.go("store.item", item_id=1)  # the page goes on as usual
    client.app_bar_back()
    assert client.page.route == "/store"


@given(junk=st.text(max_size=300) | st.binary(max_size=300).map(lambda b: packed(b.hex())))
def test_whatever_the_tab_sends_the_page_shows_its_address(junk: str) -> None:
    client = FletTestClient(store.router, main=store.main, route="/store")
    try:
        client.tab.stored_override = junk
        client.new_session()
        assert client.titles == ["Home", "Store"] and client.page.route == "/store"
    finally:
        client.close()


def test_a_second_answer_changes_nothing(navkit_client: Client) -> None:
    client = navkit_client(store.router, main=store.main)
    client.go("store.store")
    client.new_session()
    before = client.navigator.history
    forged = packed({"v": 1, "first": 0, "at": 0, "entries": [["/store", "x"]]})
    client.open(f"/__navkit__/state?h={forged}&m=zz&to=%2Fstore")
    assert client.navigator.history == before
    assert client.titles == ["Home", "Store"]


def test_a_desktop_page_asks_nothing(navkit_client: Client) -> None:
    client = navkit_client(store.router, web=False)
    client.go("store.store")
    assert client.navigator.history.entries == ("/", "/store")


def test_failovers_back_to_back_after_a_browser_back(navkit_client: Client) -> None:
    """The client registers with its last message (a Back), not an address: twice in a row."""
    client = navkit_client(store.router, main=store.main)
    client.go("store.store")
    client.go("store.item", item_id=1)
    client.browser_back()  # Flutter now holds the script's message as its route
    assert client.flutter_route.startswith("/__navkit__/moved")
    client.new_session()
    assert client.titles == ["Home", "Store"]
    client.new_session()  # no navigation between: the same message again
    assert client.titles == ["Home", "Store"]
    exact(client)
    client.browser_forward()
    assert client.titles[-1] == "Item"
    exact(client)


def test_a_reconnect_after_a_browser_back_moves_nothing_again(navkit_client: Client) -> None:
    client = navkit_client(store.router, main=store.main)
    client.go("store.store")
    client.go("store.item", item_id=1)
    client.browser_back()
    client.disconnect()
    client.reconnect()  # Flet reports the client's route (the message) again
    assert client.titles == ["Home", "Store"]
    exact(client)
    assert len(client.entries) == 3


def own_app(seen: list[tuple[str, str]]) -> Callable[[ft.Page], None]:
    """An app's own ``main`` for ``ft.run``: it attaches, then sets its own handler."""

    def main(page: ft.Page) -> None:
        store.router.attach(page, history_script=True)

        def on_route_change(event: ft.RouteChangeEvent) -> None:
            seen.append((event.route, page.route))

        page.on_route_change = on_route_change  # after attaching, as Flet's docs write it

    return main


def test_a_handler_set_after_attaching_hears_only_app_addresses() -> None:
    seen: list[tuple[str, str]] = []
    client = FletTestClient(main=own_app(seen))
    try:
        client.go("store.store")
        client.go("store.item", item_id=1)
        client.app_bar_back()
        client.browser_back()
        client.call(client.navigator.replace, "/store/2")
        client.new_session()  # its main attaches again and asks the tab
        routes = {route for pair in seen for route in pair}
        assert not any(route.startswith("/__navkit__") for route in routes)
        assert ("/", "/") in seen and ("/store/2", "/store/2") in seen
        exact(client)  # the new session heard the tab's answer, not the app
        assert client.entries == ["/store/2", "/store", "/store/1"] and client.index == 0
    finally:
        client.close()


@pytest.mark.parametrize(
    "route",
    [
        "/__navkit__/moved?by=10000000&m=a&to=%2Fstore",
        "/__navkit__/moved?by=-1000000000000&m=b&to=%2F",
        "/__navkit__/moved?by=x&m=c&to=%2F",
        "/__navkit__/moved?by=-1&m=d&to=%2F__navkit__%2Fsync",
        "/__navkit__/moved?by=-1&m=e&to=evil.example",
        "/__navkit__/moved?by=-1&m=f",
        "/__navkit__/bogus",
        "/__navkit__/",
    ],
)
def test_a_forged_reserved_route_changes_nothing(route: str) -> None:
    """Typed, or sent by a hostile client: no move, no crash, bounded work, no app address."""
    seen: list[str] = []

    def main(page: ft.Page) -> None:
        page.on_route_change = lambda event: seen.append(event.route)

    client = FletTestClient(store.router, main=main)
    try:
        client.go("store.store")
        before = (client.navigator.history, client.titles)
        client.open(route)
        assert (client.navigator.history, client.titles) == before
        assert client.page.route == "/store"
        assert not any(heard.startswith("/__navkit__") for heard in seen)
    finally:
        client.close()


@pytest.mark.parametrize("route", ["/__navkit__/bogus", "/__navkit__/moved?by=-1&m=x&to=%2Fstore"])
def test_a_page_opening_at_a_reserved_route_shows_an_app_address(route: str) -> None:
    client = FletTestClient(store.router, main=store.main, route=route)
    try:
        assert not client.page.route.startswith("/__navkit__")
        assert client.titles[0] == "Home"
    finally:
        client.close()


def test_a_back_while_disconnected_is_heard_once_on_reconnect(navkit_client: Client) -> None:
    client = navkit_client(store.router, main=store.main)
    client.go("store.store")
    client.go("store.item", item_id=1)
    client.disconnect()
    client.browser_back()  # lost with the connection; the client keeps it as its route
    client.reconnect()
    assert client.titles == ["Home", "Store"]
    exact(client)
    assert len(client.entries) == 3


@pytest.mark.parametrize("asynchronous", [False, True])
def test_an_app_chaining_navkits_handler_is_called_once(asynchronous: bool) -> None:
    """``previous = page.on_route_change``, then calling it from the app's own."""
    calls: list[str] = []

    def main(page: ft.Page) -> None:
        previous = page.on_route_change

        def chained(event: ft.RouteChangeEvent) -> None:
            calls.append(event.route)
            previous(event)

        async def chained_async(event: ft.RouteChangeEvent) -> None:
            chained(event)

        page.on_route_change = chained_async if asynchronous else chained

    client = FletTestClient(store.router, main=main)
    try:
        client.go("store.store")
        client.browser_back()
        assert calls == ["/store", "/"]
        assert client.titles == ["Home"]
        exact(client)
    finally:
        client.close()


def test_a_views_router_is_the_apps_router(navkit_client: Client) -> None:
    client = navkit_client(store.router)
    assert client.navigator.router is store.router


def test_a_shells_tabs_come_back_under_a_page_still_loading(navkit_client: Client) -> None:
    """The tab's answer arrives while the first page's async view loads."""
    shell = navkit.Shell("app")
    feed = shell.branch("feed", label="Feed", icon=ft.Icons.HOME, route="/feed")
    me = shell.branch("me", label="Me", icon=ft.Icons.PERSON, route="/me")
    feed.add_route("/feed", lambda: [ft.Text("feed")], endpoint="home")
    feed.add_route("/feed/:n", lambda n: [ft.Text(n)], endpoint="post")

    async def profile() -> list[ft.Control]:
        await asyncio.sleep(0.05)
        return [ft.Text("me")]

    me.add_route("/me", profile, endpoint="home")
    router = navkit.Router()
    router.register_blueprint(shell)
    client = navkit_client(router, route="/feed")
    client.go("/feed/3")
    client.tap_destination("Me")
    client.new_session()
    assert client.page.route == "/me"
    client.tap_destination("Feed")
    assert client.page.route == "/feed/3"
