"""Snapshots: a view's scroll offset and form values come back with its history entry.

A view with ``scroll`` set is followed by default; ``nav.snapshot(capture,
restore)`` keeps anything else. The client stand-in plays Flet's scrolling
(``scroll`` events to an ``on_scroll`` handler, ``scroll_to`` answered by a
jump) and a client that draws the page anew (a reload, a new session) shows
every view at the top: what the user sees there is what navkit restored.
"""

from __future__ import annotations

import asyncio
import base64
import gc
import json
import logging
import weakref
from collections.abc import Callable
from typing import Any

import flet as ft
import pytest

import navkit
from navkit.testing import FletTestClient
from navkit.testing.protocol import control_id

Client = Callable[..., FletTestClient]


def app() -> tuple[navkit.Router, dict[str, Any]]:
    """A long list, an item under it, a page elsewhere, a form; ``seen`` records calls."""
    router = navkit.Router()
    seen: dict[str, Any] = {"app_scrolls": [], "fields": []}

    @router.route("/")
    def home() -> ft.View:
        return ft.View(appbar=ft.AppBar(title=ft.Text("Home")))

    @router.route("/list")
    def items() -> ft.View:
        rows = [ft.Text(f"Row {n}") for n in range(200)]
        return ft.View(
            scroll=ft.ScrollMode.AUTO,
            controls=rows,
            appbar=ft.AppBar(title=ft.Text("List")),
            on_scroll=lambda event: seen["app_scrolls"].append(event.pixels),
        )

    @router.route("/list/:n")
    def item(n: int) -> ft.View:
        return ft.View(appbar=ft.AppBar(title=ft.Text(f"Item {n}")))

    @router.route("/plain")
    def plain() -> ft.View:
        return ft.View(controls=[ft.Text("No scrolling")], appbar=ft.AppBar(title=ft.Text("Plain")))

    @router.route("/slow")
    async def slow() -> ft.View:
        await asyncio.sleep(0.3)
        return ft.View(appbar=ft.AppBar(title=ft.Text("Slow")))

    @router.route("/form")
    def form(nav: navkit.Navigator) -> ft.View:
        field = ft.TextField(label="Title")
        seen["fields"].append(field)
        nav.snapshot(lambda: field.value or None, lambda value: setattr(field, "value", value))
        return ft.View(controls=[field], appbar=ft.AppBar(title=ft.Text("Form")))

    return router, seen


def typed(client: FletTestClient, field: ft.TextField, text: str) -> None:
    """The user types ``text``: the client reports the field's value."""
    client.session.apply_patch(control_id(field), {"value": text})


def test_back_to_a_list_built_anew_shows_it_where_it_was_scrolled(navkit_client: Client) -> None:
    router, seen = app()
    client = navkit_client(router, route="/list")
    client.scroll(480)
    assert seen["app_scrolls"] == [480]  # the app's own on_scroll still hears it
    client.go("/plain")  # the list leaves the stack
    client.browser_back()
    assert client.titles[-1] == "List"
    assert client.scroll_offset() == 480  # a new view, scrolled where the entry left it
    client.browser_forward()
    client.browser_back()
    assert client.scroll_offset() == 480


def test_a_kept_list_beneath_is_not_scrolled_again(navkit_client: Client) -> None:
    router, _ = app()
    client = navkit_client(router, route="/list")
    client.scroll(300)
    client.go("/list/4")
    jumps = client.scrolls.jumps
    client.app_bar_back()
    assert client.titles[-1] == "List" and client.scroll_offset() == 300
    assert client.scrolls.jumps == jumps  # the client kept it: nothing sent


def test_refresh_and_reload_keep_the_scroll_position(navkit_client: Client) -> None:
    router, _ = app()
    client = navkit_client(router, route="/list")
    client.scroll(250)
    view = client.page.views[-1]
    client.call(client.navigator.refresh)
    client.settle()
    assert client.page.views[-1] is not view and client.scroll_offset() == 250
    client.disconnect()  # a reload: the same session, a client drawing the page anew
    client.reconnect()
    assert client.scroll_offset() == 250


def test_a_new_session_restores_an_entry_left_before_the_worker_died(
    navkit_client: Client,
) -> None:
    router, _ = app()
    client = navkit_client(router, route="/list")
    client.scroll(640)
    client.go("/plain")  # the push hands the tab the list's offset
    assert client.entries == ["/list", "/plain"]
    client.new_session()
    assert client.titles[-1] == "Plain"
    client.browser_back()
    assert client.titles[-1] == "List" and client.scroll_offset() == 640


def test_a_form_snapshot_brings_the_typed_text_back(navkit_client: Client) -> None:
    router, seen = app()
    client = navkit_client(router, route="/form")
    typed(client, seen["fields"][-1], "Groceries")
    client.go("/plain")
    client.browser_back()
    assert len(seen["fields"]) == 2 and seen["fields"][-1].value == "Groceries"
    typed(client, seen["fields"][-1], "Groceries and tea")
    client.go("/plain")
    client.new_session()  # the tab kept it: the push carried it
    client.browser_back()
    assert len(seen["fields"]) == 3 and seen["fields"][-1].value == "Groceries and tea"


def test_a_view_that_does_not_scroll_costs_nothing(navkit_client: Client) -> None:
    router, _ = app()
    client = navkit_client(router, route="/plain")
    client.go("/list/1")
    client.browser_back()
    assert client.scrolls.jumps == 0 and client.tab.snapshots_kept() == 0


def test_a_capture_that_raises_is_logged_and_the_navigation_lands(
    navkit_client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    router = navkit.Router()

    @router.route("/")
    def home(nav: navkit.Navigator) -> ft.View:
        nav.snapshot(lambda: 1 / 0, lambda value: None)
        return ft.View(appbar=ft.AppBar(title=ft.Text("Home")))

    @router.route("/next")
    def after() -> ft.View:
        return ft.View(appbar=ft.AppBar(title=ft.Text("Next")))

    client = navkit_client(router)
    with caplog.at_level(logging.ERROR, logger="navkit"):
        client.go("/next")
    assert client.titles[-1] == "Next" and "snapshot failed" in caplog.text


def test_scrolling_while_a_slow_page_loads_is_kept_when_another_link_wins(
    navkit_client: Client,
) -> None:
    router, _ = app()
    client = navkit_client(router, route="/list")
    client.call(lambda: client.navigator.go("/slow"), wait=False)
    client.scroll(120, wait=False)  # the list still shows: the user scrolls it
    client.call(lambda: client.navigator.go("/list/7"))  # then taps an item: it overtakes
    client.settle()
    assert client.titles[-2:] == ["List", "Item 7"]
    client.app_bar_back()
    assert client.titles[-1] == "List" and client.scroll_offset() == 120
    client.go("/plain")
    client.browser_back()
    assert client.scroll_offset() == 120  # what was captured is the list's last offset


def test_after_a_reload_the_list_beneath_is_restored_when_it_is_on_top_again(
    navkit_client: Client,
) -> None:
    router, _ = app()
    client = navkit_client(router, route="/list")
    client.scroll(520)
    client.go("/list/3")
    client.disconnect()  # a reload on the item: the client draws every view anew
    client.reconnect()
    list_view = client.page.views[-2]
    assert client.scroll_offset(list_view) == 0
    client.app_bar_back()
    assert client.titles[-1] == "List" and client.scroll_offset() == 520


def test_a_deep_link_follows_the_scrolling_of_every_view_it_builds(
    navkit_client: Client,
) -> None:
    router, _ = app()
    client = navkit_client(router, route="/list/3")  # Home, List, Item built at once
    list_view = client.page.views[-2]
    client.scroll(200, view=list_view)  # (an iOS swipe shows the view beneath)
    client.disconnect()
    client.reconnect()
    client.app_bar_back()
    assert client.scroll_offset() == 200


def test_after_a_new_session_the_list_beneath_comes_back_scrolled(
    navkit_client: Client,
) -> None:
    router, _ = app()
    client = navkit_client(router, route="/list")
    client.scroll(640)
    client.go("/list/3")  # the list stays beneath; the push hands the tab its offset
    client.new_session()  # built anew at /list/3: the list beneath, unscrolled
    assert client.titles[-2:] == ["List", "Item 3"]
    client.app_bar_back()  # a step back to the list's entry, whose snapshot the tab kept
    assert client.titles[-1] == "List" and client.scroll_offset() == 640
    assert len(client.entries) == 2 and client.index == 0


def test_a_view_keeps_several_snapshots_and_its_scrolling(navkit_client: Client) -> None:
    router = navkit.Router()
    fields: list[tuple[ft.TextField, ft.TextField]] = []

    @router.route("/")
    def home() -> ft.View:
        return ft.View(appbar=ft.AppBar(title=ft.Text("Home")))

    @router.route("/form")
    def form(nav: navkit.Navigator) -> ft.View:
        first, second = ft.TextField(label="A"), ft.TextField(label="B")
        fields.append((first, second))
        for field in (first, second):
            nav.snapshot(lambda f=field: f.value, lambda v, f=field: setattr(f, "value", v))
        return ft.View(scroll=ft.ScrollMode.AUTO, controls=[first, second])

    client = navkit_client(router, route="/form")
    typed(client, fields[-1][0], "alpha")
    typed(client, fields[-1][1], "beta")
    client.scroll(400)
    client.go("/")
    client.browser_back()
    assert [f.value for f in fields[-1]] == ["alpha", "beta"] and client.scroll_offset() == 400


def test_views_that_scrolled_are_freed_once_closed(navkit_client: Client) -> None:
    router, _ = app()
    client = navkit_client(router, route="/list")
    built = weakref.WeakSet([client.page.views[-1]])
    for _ in range(5):
        client.go("/plain")
        client.go("/list")
        built.add(client.page.views[-1])
    client.go("/")
    gc.collect()
    assert len(built) <= 1  # at most the one a history entry's kept view still holds


def test_a_new_session_restores_the_snapshot_of_the_entry_it_shows(
    navkit_client: Client,
) -> None:
    router, _ = app()
    client = navkit_client(router, route="/list")
    client.scroll(300)
    client.go("/plain")
    client.browser_back()  # the list again, scrolled; its entry holds 300 in the tab
    client.go("/list/1")  # (a move of navkit's hands the tab what is unsent)
    client.app_bar_back()
    client.new_session()
    assert client.titles[-1] == "List" and client.scroll_offset() == 300


def test_snapshots_left_by_several_browser_moves_all_reach_the_tab(
    navkit_client: Client,
) -> None:
    router, _ = app()
    router.add_route("/list2", lambda: ft.View(scroll=ft.ScrollMode.AUTO, controls=[]))
    client = navkit_client(router, route="/plain")
    client.go("/list")
    client.go("/list2")
    client.go("/plain")
    client.browser_back()
    client.scroll(260)
    client.browser_back()  # leaves /list2 at 260: the tab has not got it yet
    client.scroll(160)
    client.browser_back()  # leaves /list at 160 too
    assert client.tab.snapshots_kept() == 0
    client.call(client.navigator.forward)  # navkit's next move carries both
    client.settle()
    kept = [
        json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))) if text else None
        for text in client.tab.snapshots
    ]
    assert kept == [None, 160, 260, None]
    client.new_session()
    client.browser_forward()
    assert client.navigator.address == "/list2" and client.scroll_offset() == 260


def test_an_async_capture_keeps_nothing_and_says_so(
    navkit_client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    router = navkit.Router()

    @router.route("/")
    def home(nav: navkit.Navigator) -> ft.View:
        async def capture() -> int:
            return 1

        nav.snapshot(capture, lambda value: None)
        return ft.View(appbar=ft.AppBar(title=ft.Text("Home")))

    router.add_route("/next", lambda: [])
    client = navkit_client(router)
    with caplog.at_level(logging.ERROR, logger="navkit"):
        client.go("/next")
    assert "must not be async" in caplog.text and client.tab.snapshots_kept() == 0
