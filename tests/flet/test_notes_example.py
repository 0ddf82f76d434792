"""The notes example (examples/notes.py) as a user drives it, over its own JSON API (httpx).

Every test starts from the example's three notes. What is checked is what
the user sees: the list's links, the note's text after a save, the address
bar after sorting or searching, the dialog before edits are lost.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import flet as ft
import pytest

from examples import notes
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]
FIRST_NOTES = copy.deepcopy(notes.API.notes)


@pytest.fixture(autouse=True)
def fresh_notes() -> Iterator[None]:
    notes.API.notes = copy.deepcopy(FIRST_NOTES)
    notes.API.delay = 0.0
    yield


def controls(control: Any) -> Iterator[Any]:
    """``control`` and every control inside it."""
    yield control
    for name in ("controls", "content", "actions"):
        inner = getattr(control, name, None)
        if isinstance(inner, list):
            for child in inner:
                yield from controls(child)
        elif isinstance(inner, ft.Control):
            yield from controls(inner)


def on_top(client: FletTestClient) -> list[Any]:
    return [c for view in client.page.views[-1:] for top in view.controls for c in controls(top)]


def press(client: FletTestClient, label: str) -> None:
    """Click the button (or link) showing ``label`` on the top view, and let it finish."""
    found = [
        c
        for c in on_top(client)
        if isinstance(c, ft.Button | ft.TextButton) and str(c.content) == label
    ]
    assert len(found) == 1, f"{label!r} among {[str(c.content) for c in on_top(client)]}"
    client.call(found[0].on_click, None)  # type: ignore[arg-type]
    client.settle()


def links(client: FletTestClient) -> list[str]:
    return [str(c.content) for c in on_top(client) if isinstance(c, ft.TextButton)]


def texts(client: FletTestClient) -> list[str]:
    return [str(c.value) for c in on_top(client) if isinstance(c, ft.Text)]


def field(client: FletTestClient, label: str) -> ft.TextField:
    (found,) = [c for c in on_top(client) if isinstance(c, ft.TextField) and c.label == label]
    return found


def opened(navkit_client: Client, route: str = "/notes") -> FletTestClient:
    client = navkit_client(notes.router, route=route)
    client.settle()
    return client


def test_the_list_links_every_note_and_sorts_by_title(navkit_client: Client) -> None:
    client = opened(navkit_client)
    assert links(client) == ["Groceries", "Plumber", "Tickets"]
    press(client, "Sort by title")
    assert client.page.route == "/notes?sort=title"
    assert links(client) == ["Groceries", "Plumber", "Tickets"]
    press(client, "Sort by id")
    assert client.page.route == "/notes"  # the default stays out of the address
    client.browser_back()
    client.settle()
    assert client.page.route == "/notes?sort=title"


def test_a_search_replaces_the_entry_and_keeps_the_sort(navkit_client: Client) -> None:
    client = opened(navkit_client, "/notes?sort=title")
    length = len(client.entries)
    search = field(client, "Search")
    search.value = "TEA"
    client.call(search.on_submit, ft.Event("submit", search))  # type: ignore[arg-type]
    client.settle()
    assert client.page.route == "/notes?sort=title&q=TEA"
    assert links(client) == ["Groceries"] and len(client.entries) == length


def test_after_a_save_the_note_and_the_list_show_the_new_text(navkit_client: Client) -> None:
    client = opened(navkit_client)
    press(client, "Plumber")
    assert texts(client)[:2] == ["Plumber", "Call on Monday"]
    press(client, "Edit")
    field(client, "Title").value = "Plumber (urgent)"
    field(client, "Text").value = "Call today"
    press(client, "Save")
    assert client.titles == ["Notes", "Note"] and client.page.route == "/notes/2"
    assert texts(client)[:2] == ["Plumber (urgent)", "Call today"]  # kept, and built again
    client.app_bar_back()
    client.settle()
    assert links(client) == ["Groceries", "Plumber (urgent)", "Tickets"]


def test_unsaved_edits_ask_first_and_keep_stays(navkit_client: Client) -> None:
    client = opened(navkit_client, "/notes/1/edit")
    field(client, "Text").value = "Milk only"
    client.app_bar_back(wait=False)
    dialog = client.dialog
    assert isinstance(dialog, ft.AlertDialog)
    keep = next(b for b in dialog.actions if str(b.content) == "Keep")  # type: ignore[union-attr]
    client.call(keep.on_click, None)  # type: ignore[arg-type, union-attr]
    client.settle()
    assert client.page.route == "/notes/1/edit" and field(client, "Text").value == "Milk only"


def test_a_new_note_then_back_shows_it_in_the_list(navkit_client: Client) -> None:
    client = opened(navkit_client)
    press(client, "New note")
    field(client, "Title").value = "Dentist"
    field(client, "Text").value = "Thursday 9:00"
    press(client, "Save")
    assert client.page.route == "/notes/4" and texts(client)[:2] == ["Dentist", "Thursday 9:00"]
    client.app_bar_back()  # the editor was replaced: back to the list
    client.settle()
    assert client.page.route == "/notes" and "Dentist" in links(client)


def test_delete_returns_to_the_list_without_the_note(navkit_client: Client) -> None:
    client = opened(navkit_client)
    press(client, "Tickets")
    press(client, "Delete")
    assert client.page.route == "/notes" and links(client) == ["Groceries", "Plumber"]
    client.go("/notes/3")  # a deleted note is the loader's 404
    client.settle()
    assert client.titles[-1] == "Page not found"


def test_a_hovered_note_opens_at_once(navkit_client: Client) -> None:
    notes.API.delay = 0.2  # a slow server
    client = opened(navkit_client)
    client.call(client.navigator.preload, "notes.note", note_id=3)  # what hovering does
    client.settle_until(lambda: client.navigator.task is None)
    client.loop.run_until_complete(__import__("asyncio").sleep(0.5))
    press(client, "Tickets")
    assert client.page.route == "/notes/3" and texts(client)[1] == "Book the train to Lyon"
