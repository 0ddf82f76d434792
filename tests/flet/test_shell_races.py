"""App shells when something else happens halfway: a back, a resize, a lost connection or process.

Each test puts a shell next to what a real app and a real user bring: the
app's own SnackBar, Android's back during a switch, a window resized while
a tab loads, a network drop during a switch, the serving process lost.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import flet as ft

from navkit.testing import FletTestClient
from tests.flet.test_shells import field, open_tabs, shown, three_tabs, type_into

Client = Callable[..., FletTestClient]


def slow_two() -> tuple[asyncio.Event, Callable[[], Any]]:
    release = asyncio.Event()

    async def view() -> list[ft.Control]:
        await release.wait()
        return [ft.Text("two")]

    return release, view


def test_android_back_during_a_switch_goes_to_the_start_destination(
    navkit_client: Client,
) -> None:
    release, view = slow_two()
    client = navkit_client(three_tabs(view), route="/three", web=False)
    client.tap_destination("Two", wait=False)  # Two's view is loading
    client.system_back()  # at Three's root: to the start destination
    client.call(release.set)
    client.settle()
    assert shown(client) == ["/one"] and client.selected_destination == "One"
    assert [view.route for view in client.page.views] == ["/one"]
    client.system_back()
    assert client.left_app == 1


def test_a_resize_while_a_tab_loads_shows_the_right_chrome_when_it_lands(
    navkit_client: Client,
) -> None:
    release, view = slow_two()
    client = navkit_client(three_tabs(view), route="/one/x")
    assert isinstance(client.chrome, ft.NavigationRail)
    client.tap_destination("Two", wait=False)
    client.resize(400, 800, wait=False)  # narrow while Two loads: One's views get bars
    client.call(release.set)
    client.settle()
    assert client.selected_destination == "Two"
    assert all(isinstance(v.navigation_bar, ft.NavigationBar) for v in client.page.views)
    client.tap_destination("One")
    assert shown(client) == ["/one", "/one/x"]
    assert [v.navigation_bar.selected_index for v in client.page.views] == [0, 0]  # type: ignore[union-attr]


def test_the_app_s_snack_bar_does_not_stop_a_switch(navkit_client: Client) -> None:
    client = open_tabs(navkit_client, "/feed")
    client.resize(400, 800)

    def snack() -> None:
        client.page.show_dialog(ft.SnackBar(ft.Text("Saved"), duration=30_000))

    client.call(snack)
    client.tap_destination("Profile")
    assert client.selected_destination == "Profile" and shown(client) == ["/profile"]
    client.tap_destination("Feed")
    assert shown(client) == ["/feed"]


def test_a_switch_made_while_disconnected_agrees_with_the_client_on_reconnect(
    navkit_client: Client,
) -> None:
    client = open_tabs(navkit_client, "/profile/settings")
    client.resize(400, 800)
    type_into(client, "Display name", "Ada")
    client.tap_destination("Feed")
    client.disconnect()
    client.call(lambda: client.navigator.switch_branch(2))  # the app switches; nothing arrives
    client.reconnect()
    # The client still shows Feed and reports it: the page follows the client.
    assert client.url == "/feed" and shown(client) == ["/feed"]
    assert client.selected_destination == "Feed"
    assert [view.route for view in client.page.views] == ["/feed"]
    client.tap_destination("Profile")
    assert [view.route for view in client.page.views] == ["/profile", "/profile/settings"]
    assert field(client, "Display name").value == "Ada"  # the parked views, as left


def test_after_the_process_is_lost_the_tabs_open_where_left_and_back_still_leaves(
    navkit_client: Client,
) -> None:
    client = open_tabs(navkit_client, "/feed/post/2")
    client.tap_destination("Profile")
    client.new_session()  # a new process: no parked views, the tab's history
    assert shown(client) == ["/profile"] and client.selected_destination == "Profile"
    client.tap_destination("Feed")
    assert shown(client) == ["/feed", "/feed/post/2"]  # where it was left, built again
    assert [view.route for view in client.page.views] == ["/feed", "/feed/post/2"]
