"""Fresh data next to what a user is doing: found by an adversarial review of refresh/invalidate.

A stale view is built again only when it is on top (with the stale views
right beneath it), so a view above it keeps what was typed; a go to the
page a refresh is showing lands with it; a refresh that a view awaits never
waits for itself; a refresh rewrites its entry; a worker thread's tap is
handled on the page's loop.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import flet as ft
import pytest

import navkit
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


class Notes:
    def __init__(self, *, async_note: bool = False, gate: asyncio.Event | None = None) -> None:
        self.texts = {1: "v1"}
        self.built: list[str] = []
        self.gate = gate
        self.fields: dict[str, ft.TextField] = {}
        self.router = navkit.Router()
        router = self.router
        notes = self

        @router.route("/")
        def index() -> list[ft.Control]:
            notes.built.append("list")
            return [ft.Text(str(list(notes.texts.values())))]

        if async_note:

            @router.route("/note/:note_id")
            async def note(note_id: int) -> ft.View:
                text = notes.texts[note_id]  # read before the await (a fetch started)
                notes.built.append(f"note {note_id}")
                if notes.gate is not None:
                    await notes.gate.wait()
                return ft.View(appbar=ft.AppBar(title=ft.Text("Note")), controls=[ft.Text(text)])
        else:

            @router.route("/note/:note_id")
            def note(note_id: int) -> ft.View:
                notes.built.append(f"note {note_id}")
                return ft.View(
                    appbar=ft.AppBar(title=ft.Text("Note")),
                    controls=[ft.Text(notes.texts[note_id])],
                )

        @router.route("/note/:note_id/edit")
        def edit(nav: navkit.Navigator, note_id: int) -> ft.View:
            notes.built.append(f"edit {note_id}")
            field = ft.TextField(label="Text")
            notes.fields[f"edit {note_id}"] = field

            def unsaved(navigation: navkit.Navigation) -> bool:
                notes.asked.append(f"edit {note_id}")
                return not field.value  # refuse when something was typed

            nav.on_leave(unsaved)
            return ft.View(appbar=ft.AppBar(title=ft.Text("Edit")), controls=[field])

        @router.route("/note/:note_id/edit/preview")
        def preview(note_id: int) -> ft.View:
            notes.built.append(f"preview {note_id}")
            return ft.View(appbar=ft.AppBar(title=ft.Text("Preview")), controls=[ft.Text("p")])

        self.asked: list[str] = []


def shown_text(client: FletTestClient) -> str:
    return str(client.page.views[-1].controls[0].value)


class Tabs:
    def __init__(self, async_b: bool = False) -> None:
        self.built: list[str] = []
        self.asked: list[str] = []
        self.fields: dict[str, ft.TextField] = {}
        self.gate = asyncio.Event()
        shell = navkit.Shell("app")
        a = shell.branch("a", label="A", icon=ft.Icons.HOME, route="/a")
        b = shell.branch("b", label="B", icon=ft.Icons.HOME, route="/b")
        me = self

        @a.route("/a", endpoint="root")
        def a_root() -> list[ft.Control]:
            me.built.append("a")
            return [ft.Text("a")]

        @a.route("/a/item/:item_id", endpoint="item")
        def item(nav: navkit.Navigator, item_id: int) -> list[ft.Control]:
            me.built.append(f"item {item_id}")
            field = ft.TextField(label="Text")
            me.fields[f"item {item_id}"] = field

            def unsaved(navigation: navkit.Navigation) -> bool:
                me.asked.append(f"item {item_id}")
                return not field.value

            nav.on_leave(unsaved)
            return [field]

        if async_b:

            @b.route("/b", endpoint="root")
            async def b_root() -> list[ft.Control]:
                me.built.append("b")
                await me.gate.wait()
                return [ft.Text("b")]
        else:

            @b.route("/b", endpoint="root")
            def b_root() -> list[ft.Control]:
                me.built.append("b")
                return [ft.Text("b")]

        self.router = navkit.Router()
        self.router.register_blueprint(shell)
        self.router.add_route("/", endpoint="start", redirect_to="app.a.root")


def test_a_stale_level_beneath_never_rebuilds_the_typed_editor_above_it(
    navkit_client: Client,
) -> None:
    notes = Notes()
    client = navkit_client(notes.router, route="/note/1/edit")
    notes.fields["edit 1"].value = "half-typed"
    client.call(client.navigator.invalidate, "note", note_id=1)  # /note/1 beneath: stale
    notes.built.clear()
    notes.asked.clear()
    client.call(client.navigator.go, "/note/1/edit/preview")
    assert "edit 1" not in notes.built, f"editor rebuilt: {notes.built}, asked {notes.asked}"


def test_a_stale_root_of_a_parked_tab_keeps_the_typed_page_above_it(
    navkit_client: Client,
) -> None:
    t = Tabs()
    client = navkit_client(t.router, route="/a/item/1")
    t.fields["item 1"].value = "draft"
    client.call(client.navigator.switch_branch, 1)
    client.call(client.navigator.invalidate, "app.a.root")  # only tab A's list
    t.built.clear()
    t.asked.clear()
    back = client.call(client.navigator.switch_branch, 0)
    assert "item 1" not in t.built, (back, t.built, t.asked)


def test_invalidate_then_go_to_the_page_shown_lands_fresh_with_an_async_view(
    navkit_client: Client,
) -> None:
    gate = asyncio.Event()
    notes = Notes(async_note=True, gate=gate)
    gate.set()
    client = navkit_client(notes.router, route="/note/1")
    gate.clear()
    notes.texts[1] = "v2"  # saved

    async def save() -> tuple[Any, Any]:
        inv = client.navigator.invalidate("note", note_id=1)
        go = client.navigator.go("note", note_id=1)
        return inv, go

    inv, go = client.call(save, wait=False)
    client.call(gate.set)
    assert shown_text(client) == "v2", f"stale page shown; invalidate={inv!r}, go={go!r}"


@pytest.mark.parametrize("how", ["go", "replace"])
def test_go_with_refresh_to_the_address_shown_rebuilds_it(navkit_client: Client, how: str) -> None:
    notes = Notes()
    client = navkit_client(notes.router, route="/note/1")
    notes.texts[1] = "v2"
    notes.built.clear()
    pending = client.call(lambda: getattr(client.navigator, how)("/note/1", refresh=True))
    assert notes.built, f"{how}(shown, refresh=True) built nothing: {pending!r}"
    assert shown_text(client) == "v2"


def test_invalidating_the_top_rebuilds_only_the_top(
    navkit_client: Client,
) -> None:
    notes = Notes()
    client = navkit_client(notes.router, route="/note/1/edit/preview")
    notes.fields["edit 1"].value = "typed"
    client.call(client.navigator.invalidate, "note")  # beneath: waits, fine
    notes.built.clear()
    notes.asked.clear()
    top = client.call(client.navigator.invalidate, "preview")
    assert notes.built == ["preview 1"] and notes.asked == [], (top, notes.built, notes.asked)


def test_awaiting_invalidate_inside_a_view_never_deadlocks(
    navkit_client: Client,
) -> None:
    router = navkit.Router()
    router.add_route("/", lambda: [ft.Text("home")], endpoint="home")

    @router.route("/note")
    async def note(nav: navkit.Navigator) -> list[ft.Control]:
        await asyncio.sleep(0)
        await nav.invalidate("home")  # e.g. "the list is stale now"
        return [ft.Text("note")]

    client = navkit_client(router)
    pending = client.call(client.navigator.go, "/note", wait=False)
    try:
        client.settle_until(pending.done, timeout=2)
    finally:
        client.call(client.navigator.go, "/")  # unblock teardown
    assert pending.outcome == navkit.Landed("/note")


def test_a_refresh_redirected_away_replaces_its_entry_and_back_leaves(
    navkit_client: Client,
) -> None:
    notes = {7: "x"}
    router = navkit.Router()
    router.add_route("/", lambda: [ft.Text("list")], endpoint="index")
    router.add_route("/other", lambda: [ft.Text("other")], endpoint="other")

    def note(note_id: int) -> list[ft.Control]:
        if note_id not in notes:
            raise navkit.redirect("index")
        return [ft.Text(notes[note_id])]

    router.add_route("/note/:note_id", note, endpoint="note", root=True)
    client = navkit_client(router, route="/other", web=False)
    client.go("/note/7")
    del notes[7]
    client.call(client.navigator.invalidate, "note", note_id=7)
    assert client.page.route == "/"
    client.call(client.navigator.back)
    assert client.page.route == "/other", client.navigator.history


def test_tapping_the_shown_tab_from_a_worker_thread_settles_everything(
    navkit_client: Client,
) -> None:
    t = Tabs(async_b=True)
    client = navkit_client(t.router, route="/a")
    nav = client.navigator
    to_b = client.call(nav.switch_branch, 1, wait=False)
    client.loop.run_until_complete(asyncio.sleep(0.3))  # indicator shown (0.2 s)
    err: dict[str, Any] = {}

    def worker() -> None:
        try:
            nav.switch_branch(0)
        except BaseException as e:
            err["e"] = repr(e)

    th = threading.Thread(target=worker)
    th.start()
    th.join()
    t.gate.set()
    client.settle()
    bars = [c for c in client.page.overlay if isinstance(c, ft.ProgressBar)]
    assert "e" not in err and to_b.done() and not bars, (err, to_b, len(bars))
