"""A new session's first round trip: the user acts before the tab's history arrives.

After a failover the new session asks the history script for the tab's
entries; the answer takes one round trip. A user who clicks the back arrow
or a link within it must end where they would without the failover: the
back arrow steps back through the browser's entries (it does not rewrite
the entry shown), and ``history.length`` grows by no more than a link adds.
Found in CI: behind HAProxy, after the 12th failover in a row, the back
arrow clicked at once rewrote the entry and the next link added one.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft
import pytest

from examples import store
from navkit.flet import client_history
from navkit.flet.history_script import state_route
from navkit.testing import FletTestClient
from tests.flet.test_examples import click
from tests.flet.test_restore import exact

Client = Callable[..., FletTestClient]


def at_item(navkit_client: Client) -> tuple[FletTestClient, int]:
    """Home, Store, Teapot: the client and its ``history.length`` there."""
    client = navkit_client(store.router, main=store.main)
    client.go("store.store")
    click(client, "Teapot")
    assert client.titles == ["Home", "Store", "Item"]
    return client, len(client.entries)


def test_a_back_arrow_before_the_answer_steps_back_through_the_entries(
    navkit_client: Client,
) -> None:
    client, length = at_item(navkit_client)
    client.new_session(history_late=True)
    client.app_bar_back()  # within the round trip of the script's answer
    assert client.titles == ["Home", "Store"]  # the page follows at once
    client.answer_history()
    assert client.entries == ["/", "/store", "/store/1"] and client.index == 1
    exact(client)
    click(client, "Teapot")
    assert len(client.entries) == length  # the link replaced the entry ahead, as before
    exact(client)
    client.browser_back()
    client.browser_back()
    assert client.titles == ["Home"] and client.index == 0


def test_a_back_arrow_then_a_link_before_the_answer(navkit_client: Client) -> None:
    client, length = at_item(navkit_client)
    client.new_session(history_late=True)
    client.app_bar_back()
    click(client, "Kettle")
    assert client.titles == ["Home", "Store", "Item"]
    client.answer_history()
    assert client.entries == ["/", "/store", "/store/2"] and len(client.entries) == length
    exact(client)
    client.app_bar_back()
    assert client.page.route == "/store" and client.index == 1
    exact(client)


def test_two_back_arrows_before_the_answer_reach_home(navkit_client: Client) -> None:
    client, length = at_item(navkit_client)
    client.new_session(history_late=True)
    client.app_bar_back()
    client.app_bar_back()
    assert client.titles == ["Home"]
    client.answer_history()
    assert client.index == 0 and len(client.entries) == length
    exact(client)
    client.browser_forward()
    client.browser_forward()
    assert client.titles == ["Home", "Store", "Item"]
    exact(client)


def test_a_link_before_the_answer_drops_the_entries_ahead(navkit_client: Client) -> None:
    """Nothing waits when no entry beneath is needed: the push goes out at once."""
    client, _ = at_item(navkit_client)
    client.browser_back()  # Store, with the item ahead
    client.new_session(history_late=True)
    click(client, "Kettle")
    assert client.entries[-1] == "/store/2" and client.client_route == "/store/2"
    client.answer_history()
    assert client.entries == ["/", "/store", "/store/2"]
    exact(client)


def test_a_browser_back_while_waiting_keeps_the_page_and_browser_together(
    navkit_client: Client,
) -> None:
    """The browser moved itself while a back arrow's move waited: the browser is right.

    Over one ordered connection, a Back reported before the answer was made
    before the client read the question: the answer describes the tab after it.
    """
    client, _ = at_item(navkit_client)
    client.new_session(history_late=True)
    client.app_bar_back()
    client.browser_back()  # the browser's own Back, before the client read the question
    tab = client.tab
    tab.held_answers = [state_route(tab.stored(), tab.current, "after-the-back")]
    client.answer_history()
    assert client.page.route == client.client_route == "/store"
    exact(client)  # navkit's history is the browser's, entry for entry


def test_an_answer_cut_off_by_a_drop_arrives_with_the_reconnect(navkit_client: Client) -> None:
    """The client read the answer as the connection dropped: it reports it on reconnecting."""
    client, length = at_item(navkit_client)
    client.new_session(history_late=True)
    client.app_bar_back()
    client.disconnect()
    client.tab.held_answers.clear()  # sent on the dead connection
    client.reconnect()
    assert client.titles == ["Home", "Store"]
    assert client.entries == ["/", "/store", "/store/1"] and client.index == 1
    exact(client)
    click(client, "Teapot")
    assert len(client.entries) == length


def test_an_answer_that_never_comes_still_moves_the_browser(
    navkit_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No answer within the deadline: the held moves are made as recorded."""
    monkeypatch.setattr(client_history, "ANSWER_SECONDS", 0.05)
    client, _ = at_item(navkit_client)
    client.new_session(history_late=True)
    client.app_bar_back()
    assert client.client_route == "/store/1"  # waiting for the answer
    client.settle_until(lambda: client.client_route == "/store", timeout=2)
    assert client.titles == ["Home", "Store"]
    assert client.page.route == client.entries[client.index] == "/store"


@pytest.mark.parametrize("late", [False, True])
def test_the_apps_route_handler_hears_the_back_once(navkit_client: Client, late: bool) -> None:
    """Early or late, the answer changes nothing the app's own ``on_route_change`` hears."""
    heard: list[str] = []

    def main(page: ft.Page) -> None:
        store.main(page)
        page.on_route_change = lambda event: heard.append(event.route)

    client = navkit_client(store.router, main=main)
    client.go("store.store")
    click(client, "Teapot")
    client.new_session(history_late=late)
    heard.clear()
    client.app_bar_back()
    if late:
        client.answer_history()
    assert heard == ["/store"]  # the landing of the step back, once; never a reserved route
