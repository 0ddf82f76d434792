"""Loaders: a page's data fetched apart from its view, in parallel, cached, preloaded.

A notes app over a local JSON API (httpx), on the client stand-in: what
the user sees when a page opens, when it opens again, when a link is
hovered first, when a load fails, and when another navigation starts
halfway.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from typing import Any

import flet as ft
import httpx
import pytest

import navkit
from navkit.flet.links import INTENT_SECONDS
from navkit.navigation.loading import MAX_ENTRIES
from navkit.testing import FletTestClient
from navkit.testing.protocol import control_id

Client = Callable[..., FletTestClient]


@dataclass
class Calls:
    """Loader calls, by name, in order; and those cancelled."""

    started: list[str]
    finished: list[str]
    cancelled: list[str]
    order: list[str]  # "start x" and "end x", as they happened


@pytest.fixture
def calls() -> Iterator[Calls]:
    yield Calls([], [], [], [])


def notes_app(url: str, calls: Calls, *, stale_time: float = 0.0) -> navkit.Router:
    """/notes (list) and /notes/:note_id (detail), each loading from the API with a delay."""
    router = navkit.Router()

    async def fetch(name: str, delay: float) -> str:
        calls.started.append(name)
        calls.order.append(f"start {name}")
        try:
            async with httpx.AsyncClient() as http:
                answer = await http.get(url, params={"name": name, "delay": delay})
        except asyncio.CancelledError:
            calls.cancelled.append(name)
            raise
        calls.finished.append(name)
        calls.order.append(f"end {name}")
        return str(answer.json()["name"])

    async def load_list() -> str:
        return await fetch("list", 0.15)

    async def load_note(note_id: int) -> str:
        if note_id == 404:
            navkit.abort(404)
        if note_id == 500:
            raise RuntimeError("the API is down")
        return await fetch(f"note {note_id}", 0.15)

    @router.route("/", title="Home")
    def home(nav: navkit.Navigator) -> list[ft.Control]:
        return [ft.Text("home"), navkit.link(nav, "Note 2", "note", note_id=2)]

    @router.route("/notes", title="Notes", loader=load_list, stale_time=stale_time)
    def notes(data: str) -> list[ft.Control]:
        return [ft.Text(f"list: {data}")]

    @router.route("/notes/:note_id", title="Note", loader=load_note, stale_time=stale_time)
    def note(note_id: int, data: str) -> list[ft.Control]:
        return [ft.Text(f"{note_id}: {data}")]

    return router


def shown_texts(client: FletTestClient) -> list[str]:
    return [
        str(control.value)
        for view in client.page.views
        for control in view.controls
        if isinstance(control, ft.Text)
    ]


def test_the_view_gets_what_its_loader_returned(
    navkit_client: Client, api: str, calls: Calls
) -> None:
    client = navkit_client(notes_app(api, calls), route="/notes/7")
    client.settle()
    assert client.titles == ["Home", "Notes", "Note"]
    assert shown_texts(client)[-2:] == ["list: list", "7: note 7"]


def test_the_loaders_of_a_deep_link_run_in_parallel(
    navkit_client: Client, api: str, calls: Calls
) -> None:
    client = navkit_client(notes_app(api, calls), route="/notes/7")
    client.settle()
    # Both started before either finished: the note did not wait for the list.
    assert calls.order[:2] == ["start list", "start note 7"]
    assert sorted(calls.order[2:]) == ["end list", "end note 7"]


def test_a_navigation_overtaken_cancels_its_loads(
    navkit_client: Client, api: str, calls: Calls
) -> None:
    client = navkit_client(notes_app(api, calls))
    client.call(client.navigator.go, "/notes/3", wait=False)
    client.settle_until(lambda: "note 3" in calls.started)
    client.go("/")  # the user clicks Home while the note loads
    client.settle()
    assert "note 3" in calls.cancelled and "note 3" not in calls.finished
    assert client.titles == ["Home"] and client.page.route == "/"


def test_without_stale_time_opening_again_loads_again(
    navkit_client: Client, api: str, calls: Calls
) -> None:
    client = navkit_client(notes_app(api, calls), route="/notes")
    client.settle()
    client.go("/notes/1")
    client.settle()
    client.app_bar_back()
    client.go("/notes/1")
    client.settle()
    assert calls.started.count("note 1") == 2


def test_within_its_stale_time_a_result_is_reused(
    navkit_client: Client, api: str, calls: Calls
) -> None:
    client = navkit_client(notes_app(api, calls, stale_time=60), route="/notes")
    client.settle()
    client.go("/notes/1")
    client.settle()
    client.app_bar_back()
    task_before = len(calls.started)
    client.call(client.navigator.go, "/notes/1", wait=False)
    # A fresh hit awaits nothing: the page is shown in the call, with no task.
    assert client.page.route == "/notes/1" and client.navigator.task is None
    assert len(calls.started) == task_before
    assert shown_texts(client)[-1] == "1: note 1"


def test_invalidate_loads_again(navkit_client: Client, api: str, calls: Calls) -> None:
    client = navkit_client(notes_app(api, calls, stale_time=60), route="/notes/1")
    client.settle()
    client.app_bar_back()
    client.call(client.navigator.invalidate, "note", note_id=1)
    client.go("/notes/1")
    client.settle()
    assert calls.started.count("note 1") == 2
    client.call(client.navigator.refresh)  # the page shown: its data again, now
    client.settle()
    assert calls.started.count("note 1") == 3


def test_a_preloaded_page_opens_without_waiting(
    navkit_client: Client, api: str, calls: Calls
) -> None:
    client = navkit_client(notes_app(api, calls))
    client.call(client.navigator.preload, "note", note_id=2)
    client.settle_until(lambda: {"list", "note 2"} <= set(calls.finished))
    loading_shown: list[bool] = []
    client.navigator.surface.loading = loading_shown.append  # type: ignore[method-assign]
    client.call(client.navigator.go, "note", note_id=2, wait=False)
    assert client.page.route == "/notes/2" and client.navigator.task is None
    assert True not in loading_shown  # no pending indicator
    assert calls.started.count("note 2") == 1


def test_a_navigation_joins_a_preload_still_running(
    navkit_client: Client, api: str, calls: Calls
) -> None:
    client = navkit_client(notes_app(api, calls))
    client.call(client.navigator.preload, "/notes/2")
    client.go("/notes/2")  # before the preload finished
    client.settle()
    assert calls.started.count("note 2") == 1
    assert shown_texts(client)[-1] == "2: note 2"


def test_a_preload_outlives_a_navigation_overtaken(
    navkit_client: Client, api: str, calls: Calls
) -> None:
    client = navkit_client(notes_app(api, calls))
    client.call(client.navigator.preload, "/notes/2")
    client.call(client.navigator.go, "/notes/2", wait=False)
    client.go("/")  # overtaken: the preload goes on
    client.settle_until(lambda: {"list", "note 2"} <= set(calls.finished))
    assert "note 2" not in calls.cancelled
    client.call(client.navigator.go, "/notes/2", wait=False)
    assert client.navigator.task is None and client.page.route == "/notes/2"


def test_a_failing_loader_shows_the_error_for_its_level_only(
    navkit_client: Client, api: str, calls: Calls
) -> None:
    client = navkit_client(notes_app(api, calls), route="/notes/404")
    client.settle()
    assert client.titles == ["Home", "Notes", "Page not found"]
    assert "list: list" in shown_texts(client)  # the list above loaded and shows
    client.go("/notes/500")
    client.settle()
    assert client.titles[-1] == "Something went wrong"
    client.go("/notes/500")  # a failure is not kept: tried again
    client.settle()
    assert client.titles[-1] == "Something went wrong"


def test_hovering_a_link_preloads_after_the_intent_delay(
    navkit_client: Client, api: str, calls: Calls
) -> None:
    client = navkit_client(notes_app(api, calls))
    link = client.page.views[-1].controls[1]

    def hover(inside: bool) -> None:
        """The client reports the pointer entering or leaving: each event a task, as in Flet."""

        async def send() -> None:
            event = client.session.dispatch_event(control_id(link), "hover", inside)
            asyncio.get_running_loop().create_task(event)

        client.call(send, wait=False)

    hover(True)
    hover(False)  # only passing over it
    client.loop.run_until_complete(asyncio.sleep(3 * INTENT_SECONDS))
    assert calls.started == []
    hover(True)
    client.settle_until(lambda: {"list", "note 2"} <= set(calls.finished))
    client.call(link.on_click, None, wait=False)  # type: ignore[attr-defined]
    assert client.page.route == "/notes/2" and client.navigator.task is None


def test_a_loader_with_an_unknown_parameter_is_refused() -> None:
    router = navkit.Router()

    def load(note: int) -> str:
        return ""

    with pytest.raises(navkit.RouteError, match="takes 'note', which the view has no value"):
        router.add_route("/n/:note_id", lambda note_id, data: [], endpoint="n", loader=load)
    with pytest.raises(navkit.RouteError, match="no parameter 'data'"):
        router.add_route("/m", lambda: [], endpoint="m", loader=lambda: 1)
    with pytest.raises(navkit.RouteError, match="stale_time= must be"):
        router.add_route("/o", lambda data: [], endpoint="o", loader=lambda: 1, stale_time=-1)


def test_the_cache_is_bounded(navkit_client: Client) -> None:
    loaded: list[int] = []
    router = navkit.Router()
    router.add_route("/", lambda: [ft.Text("home")], endpoint="home")

    def load(n: int) -> int:
        loaded.append(n)
        return n

    def numbered(n: int, data: int) -> list[ft.Control]:
        return [ft.Text(str(data))]

    router.add_route("/n/:n", numbered, endpoint="n", loader=load, stale_time=600)
    client = navkit_client(router)
    for n in range(MAX_ENTRIES + 10):
        client.go(f"/n/{n}")
    loads: Any = client.navigator._machine.loads  # the bound, counted
    assert len(loads._entries) == MAX_ENTRIES
    client.go("/n/0")  # evicted first: loaded again
    client.go(f"/n/{MAX_ENTRIES + 9}")  # kept: not loaded again
    assert loaded.count(0) == 2 and loaded.count(MAX_ENTRIES + 9) == 1


def test_a_sync_loader_that_gives_an_awaitable_still_loads(navkit_client: Client) -> None:
    """A loader that is no coroutine function but returns one is awaited all the same."""
    router = navkit.Router()
    router.add_route("/", lambda: [ft.Text("home")], endpoint="home")

    async def fetch(n: int) -> str:
        await asyncio.sleep(0.01)
        return f"note {n}"

    def page(n: int, data: str) -> list[ft.Control]:
        return [ft.Text(data)]

    def load(n: int) -> Coroutine[Any, Any, str]:
        return fetch(n)  # a plain function: is_async cannot tell

    router.add_route("/n/:n", page, endpoint="n", loader=load)
    client = navkit_client(router)
    client.go("/n/4")
    client.settle()
    assert shown_texts(client)[-1] == "note 4" and client.titles == ["Home", "N"]


def test_a_navigation_overtaken_before_its_task_ran_stops_its_loads(
    navkit_client: Client, api: str, calls: Calls
) -> None:
    """Two clicks in one handler: the first go never reaches its task, its load stops."""
    client = navkit_client(notes_app(api, calls))

    def clicks() -> None:
        client.navigator.go("/notes/8")
        client.navigator.go("/")

    client.call(clicks)
    client.settle()
    assert "note 8" in calls.cancelled or "note 8" not in calls.started
    assert "note 8" not in calls.finished
    assert client.page.route == "/" and client.titles == ["Home"]


def never_loaded_app(cancelled: list[int]) -> navkit.Router:
    """Loaders that wait forever (a hung API): what is left running is what leaks."""

    async def load(n: int) -> int:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.append(n)
            raise
        return n  # pragma: no cover - never reached

    def numbered(n: int, data: int) -> list[ft.Control]:
        return [ft.Text(str(data))]

    router = navkit.Router()
    router.add_route("/", lambda: [ft.Text("home")], endpoint="home")
    router.add_route("/n/:n", numbered, endpoint="n", loader=load)
    return router


def test_loads_evicted_or_invalidated_stop_and_none_outlive_the_page() -> None:
    cancelled: list[int] = []
    client = FletTestClient(never_loaded_app(cancelled))
    for n in range(MAX_ENTRIES + 6):
        client.call(client.navigator.preload, "n", n=n)
    client.settle()
    assert sorted(cancelled) == list(range(6))  # the six evicted stop at once
    client.call(client.navigator.invalidate, "n", n=MAX_ENTRIES)
    client.settle()
    assert MAX_ENTRIES in cancelled  # dropped while loading, and no one waits for it
    client.close()
    assert len(cancelled) == MAX_ENTRIES + 6  # the page closed: nothing left running
    assert all(task.done() for task in asyncio.all_tasks(client.loop))


def test_go_with_refresh_loads_the_target_again(navkit_client: Client) -> None:
    values = {"v": 1}
    router = navkit.Router()
    router.add_route("/", lambda: [ft.Text("home")], endpoint="home")

    def shown(n: int, data: int) -> list[ft.Control]:
        return [ft.Text(f"v{data}")]

    router.add_route("/n/:n", shown, endpoint="n", loader=lambda: values["v"], stale_time=60)
    client = navkit_client(router, route="/n/1")
    values["v"] = 2
    client.call(client.navigator.go, "/n/1", refresh=True)
    assert shown_texts(client)[-1] == "v2"
    values["v"] = 3
    client.call(client.navigator.replace, "/n/1", refresh=True)
    assert shown_texts(client)[-1] == "v3"


def test_a_load_stopped_by_an_overtaken_navigation_is_never_joined(
    navkit_client: Client, api: str, calls: Calls
) -> None:
    """Save, then Back at once (found in Chromium): the Back's build must not join the
    load the save's navigation stopped a moment before -- it loads anew, no 500."""
    client = navkit_client(notes_app(api, calls))

    def clicks() -> None:
        client.navigator.go("/notes/5")
        client.navigator.go("/")  # overtakes: its loads stop
        client.navigator.go("/notes/5")  # before the stopped load's callbacks ran

    client.call(clicks)
    client.settle()
    assert client.titles == ["Home", "Notes", "Note"]
    assert shown_texts(client)[-1] == "5: note 5"


def test_save_then_back_at_once_shows_the_fresh_note(
    navkit_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found in Chromium (tests/e2e/notes_app.py): Save (go + refresh), then the browser's
    Back at once. The go's load stopped, and the Back joined it: a 500. Now the Back
    loads anew. (The note opened before had left its load counted as still awaited.)"""
    from tests.e2e import notes_app

    monkeypatch.setattr(notes_app, "LOAD_SECONDS", 0.05)
    monkeypatch.setattr(notes_app, "NOTES", dict(notes_app.NOTES))
    client = navkit_client(notes_app.router)

    def press(label: str, *, wait: bool = True) -> None:
        button = next(c for c in on_top(client) if str(getattr(c, "content", "")) == label)
        client.call(button.on_click, None, wait=wait)

    press("Open note 5")
    press("Edit")
    editor = client.page.views[-1].controls[0]
    editor.value = f"{editor.value} today"  # type: ignore[attr-defined]
    press("Save", wait=False)
    client.browser_back(wait=False)
    client.settle()
    assert client.titles == ["Notes", "Note"] and client.page.route == "/note/5"
    assert shown_texts(client)[-1] == "Return the library books today"


def on_top(client: FletTestClient) -> list[Any]:
    return list(client.page.views[-1].controls)
