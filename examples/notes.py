"""Notes over a JSON API: loaders, preloading links, typed query state, fresh data after saving.

The example serves its own API (a thread in this process, started on first
use) and reads it with httpx, as an app reads its backend:

* ``/notes`` lists the notes -- ``?sort=title`` and ``?q=tea`` are one typed
  value (``ListQuery``), changed with ``nav.update_query``; each note is a
  ``navkit.link``: resting the pointer on it loads the note before the click;
* ``/notes/:note_id`` shows one (its loader keeps the result 30 s); opened
  from the list, it shows "Note 2 of 5" with Previous and Next: the list's
  order is handed over as its entry's state (``state=``), outside the URL;
* ``/notes/:note_id/edit`` edits it (a leave check asks before losing the
  text); ``/notes/new`` writes a new one; Delete removes one.

The list scrolls, and navkit keeps its offset with its history entry: Back
to it, a reload, a new session show it where it was. After a save the
note and the list are marked stale (``nav.invalidate``), so
both show the new text. ``--delay 1`` makes the API slow: the progress bar
(for a note, its own pending view) shows after its delay -- never behind
the leave check's dialog.

Run: ``python -m examples.notes [--delay 1]`` and open http://127.0.0.1:8550/notes.
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

import flet as ft
import httpx

import navkit
from examples import _theme

blueprint = navkit.Blueprint("notes", url_prefix="/notes")


class NotesApi:
    """The backend: notes in memory behind a small JSON API (GET, POST, PUT, DELETE)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.notes: dict[int, dict[str, Any]] = {
            1: {"id": 1, "title": "Groceries", "text": "Milk, eggs, tea"},
            2: {"id": 2, "title": "Plumber", "text": "Call on Monday"},
            3: {"id": 3, "title": "Tickets", "text": "Book the train to Lyon"},
        }
        self._lock = threading.Lock()
        self._url: str | None = None

    @property
    def url(self) -> str:
        """The API's base URL (the server starts on first use)."""
        with self._lock:
            if self._url is None:
                server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
                threading.Thread(target=server.serve_forever, daemon=True).start()
                self._url = f"http://127.0.0.1:{server.server_address[1]}"
            return self._url

    def answer(self, method: str, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        parts = [part for part in path.partition("?")[0].split("/") if part]
        with self._lock:
            if parts == ["notes"] and method == "GET":
                return 200, list(self.notes.values())
            if parts == ["notes"] and method == "POST":
                note_id = max(self.notes, default=0) + 1
                self.notes[note_id] = {"id": note_id, **body}
                return 201, self.notes[note_id]
            if len(parts) == 2 and parts[0] == "notes" and parts[1].isdigit():
                note_id = int(parts[1])
                if note_id not in self.notes:
                    return 404, {"error": "no such note"}
                if method == "PUT":
                    self.notes[note_id].update(body)
                if method == "DELETE":
                    return 200, self.notes.pop(note_id)
                return 200, self.notes[note_id]
        return 404, {"error": "not found"}


def _handler(api: NotesApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}") if length else {}
            if api.delay:
                threading.Event().wait(api.delay)  # a slow server
            status, data = api.answer(self.command, self.path, body)
            payload = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = _answer

        def log_message(self, *args: object) -> None:
            pass

    return Handler


API = NotesApi()


async def call(method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    """Ask the API; a missing note is the page's 404."""
    async with httpx.AsyncClient(base_url=API.url) as http:
        answer = await http.request(method, path, json=body)
    if answer.status_code == 404:
        navkit.abort(404)
    answer.raise_for_status()
    return answer.json()


@dataclass(frozen=True)
class ListQuery:
    """The list's query: ``?sort=title&q=tea``; the defaults stay out of the address."""

    sort: Literal["id", "title"] = "id"
    q: str | None = None


async def load_list(query: ListQuery) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = await call("GET", "/notes")
    if query.q:
        notes = [n for n in notes if query.q.lower() in (n["title"] + n["text"]).lower()]
    return sorted(notes, key=lambda note: note[query.sort])


async def load_note(note_id: int) -> dict[str, Any]:
    return dict(await call("GET", f"/notes/{note_id}"))


@blueprint.route("/", title="Notes", endpoint="notes", loader=load_list)
def notes(nav: navkit.Navigator, query: ListQuery, data: list[dict[str, Any]]) -> ft.View:
    other = "id" if query.sort == "title" else "title"
    tools: list[ft.Control] = [
        ft.TextField(
            label="Search",
            value=query.q or "",
            prefix_icon=ft.Icons.SEARCH,
            on_submit=lambda e: nav.update_query(q=e.control.value or None, replace=True),
        ),
        ft.Row(
            [
                ft.FilledTonalButton(
                    f"Sort by {other}",
                    icon=ft.Icons.SORT,
                    on_click=lambda _: nav.update_query(sort=other),
                ),
                ft.FilledButton(
                    "New note", icon=ft.Icons.ADD, on_click=lambda _: nav.go("notes.create")
                ),
            ],
            wrap=True,
        ),
    ]
    order = [note["id"] for note in data]  # the list's order: the note's Previous and Next
    cards: list[ft.Control] = []
    for at, note in enumerate(data):
        place = {"order": order, "at": at}  # outside the URL, kept with the note's entry
        title = navkit.link(nav, note["title"], "notes.note", note_id=note["id"], state=place)
        title.style = ft.ButtonStyle(text_style=ft.TextStyle(size=16, weight=ft.FontWeight.W_600))
        cards.append(note_card(title, note["text"]))
    if not data:
        cards.append(ft.Text("No notes."))
    # A view that scrolls: navkit keeps its offset with the entry (Back, reload, a new session).
    return ft.View(
        scroll=ft.ScrollMode.AUTO,
        controls=[*tools, *cards],
        appbar=ft.AppBar(title=ft.Text("Notes")),
        padding=16,
    )


def note_card(title: ft.Control, text: str) -> ft.Control:
    """One note in the list: its title (a link) over its first line."""
    first_line = text.splitlines()[0] if text else ""
    return ft.Card(
        ft.Container(
            ft.Row(
                [
                    ft.Icon(ft.Icons.STICKY_NOTE_2_OUTLINED, color=ft.Colors.PRIMARY),
                    ft.Column(
                        [title, ft.Text(first_line, color=ft.Colors.ON_SURFACE_VARIANT)],
                        spacing=0,
                        expand=True,
                    ),
                ]
            ),
            padding=ft.Padding.symmetric(horizontal=12, vertical=8),
        ),
        variant=ft.CardVariant.OUTLINED,
    )


def note_pending() -> ft.Control:
    """What a note shows while it loads (after the pending delay): its own skeleton."""
    return ft.Container(
        ft.Column([ft.ProgressRing(), ft.Text("Loading the note...")]),
        alignment=ft.Alignment.CENTER,
        bgcolor=ft.Colors.SURFACE,
        expand=True,
    )


@blueprint.route(
    "/:note_id",
    title="Note",
    endpoint="note",
    loader=load_note,
    stale_time=30,
    pending=note_pending,
)
def note(
    nav: navkit.Navigator, note_id: int, data: dict[str, Any], navigation: navkit.Navigation
) -> list[ft.Control]:
    async def delete(_: object) -> None:
        await call("DELETE", f"/notes/{note_id}")
        nav.invalidate("notes.notes")
        nav.invalidate("notes.note", note_id=note_id)
        await nav.pop()

    return [
        ft.Text(data["title"], theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
        ft.Text(data["text"], theme_style=ft.TextThemeStyle.BODY_LARGE),
        ft.Row(
            [
                ft.FilledTonalButton(
                    "Edit",
                    icon=ft.Icons.EDIT_OUTLINED,
                    on_click=lambda _: nav.go("notes.edit", note_id=note_id),
                ),
                ft.Button("Delete", icon=ft.Icons.DELETE_OUTLINE, on_click=delete),
            ]
        ),
        *neighbours(nav, navigation.state),
    ]


def neighbours(nav: navkit.Navigator, place: Any) -> list[ft.Control]:
    """ "Note 2 of 5" with Previous and Next, in the order of the list it was opened from.

    The order is the note's entry state (``navigation.state``): opened by its
    address alone, a note has no list around it. After a reload or a new
    session the state comes back from the tab (JSON), so this stays.
    """
    if not isinstance(place, dict) or not isinstance(place.get("order"), list):
        return []
    order, at = place["order"], place.get("at")
    if not isinstance(at, int) or not 0 <= at < len(order):
        return []

    def step(by: int) -> Any:
        target = {"order": order, "at": at + by}
        return lambda _: nav.replace("notes.note", note_id=order[at + by], state=target)

    return [
        ft.Text(f"Note {at + 1} of {len(order)}"),
        ft.Row(
            [
                ft.TextButton(
                    "Previous", icon=ft.Icons.CHEVRON_LEFT, on_click=step(-1), disabled=at == 0
                ),
                ft.TextButton(
                    "Next",
                    icon=ft.Icons.CHEVRON_RIGHT,
                    on_click=step(1),
                    disabled=at == len(order) - 1,
                ),
            ]
        ),
    ]


@blueprint.route("/new", title="New note", endpoint="create")
def create(nav: navkit.Navigator) -> list[ft.Control]:
    return editor(nav, None, {"title": "", "text": ""})


@blueprint.route("/:note_id/edit", title="Edit note", endpoint="edit", loader=load_note)
def edit(nav: navkit.Navigator, note_id: int, data: dict[str, Any]) -> list[ft.Control]:
    return editor(nav, note_id, data)


def editor(nav: navkit.Navigator, note_id: int | None, note: dict[str, Any]) -> list[ft.Control]:
    title = ft.TextField(label="Title", value=note["title"])
    text = ft.TextField(label="Text", value=note["text"], multiline=True, min_lines=4)

    def unsaved() -> bool:
        return (title.value, text.value) != (note["title"], note["text"])

    async def leave(_navigation: navkit.Navigation) -> bool:
        return not unsaved() or await ask(nav.page, "Discard changes?")

    async def save(_: object) -> None:
        body = {"title": title.value or "Untitled", "text": text.value or ""}
        if note_id is None:
            saved = await call("POST", "/notes", body)
        else:
            saved = await call("PUT", f"/notes/{note_id}", body)
        note.update(body)  # saved: nothing left to lose
        nav.invalidate("notes.notes")
        nav.invalidate("notes.note", note_id=saved["id"])
        await nav.replace("notes.note", note_id=saved["id"])

    nav.on_leave(leave)
    return [title, text, ft.FilledButton("Save", icon=ft.Icons.SAVE_OUTLINED, on_click=save)]


async def ask(page: ft.Page, question: str) -> bool:
    """A Discard / Keep dialog; True to discard."""
    answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def reply(value: bool) -> None:
        if not answer.done():
            answer.set_result(value)
        page.pop_dialog()

    page.show_dialog(
        ft.AlertDialog(
            title=ft.Text(question),
            actions=[
                ft.TextButton("Keep", on_click=lambda _: reply(False)),
                ft.TextButton("Discard", on_click=lambda _: reply(True)),
            ],
            on_dismiss=lambda _: answer.done() or answer.set_result(False),
        )
    )
    return await answer


router = navkit.Router()
router.register_blueprint(blueprint)
router.add_route("/", endpoint="start", redirect_to="notes.notes")


def main(page: ft.Page) -> None:
    page.title = "navkit: notes"
    _theme.apply(page)


if __name__ == "__main__":
    from examples._serve import serve

    if "--delay" in sys.argv:
        at = sys.argv.index("--delay")
        API.delay = float(sys.argv[at + 1])
        del sys.argv[at : at + 2]
    serve(router, main, name="notes", start="/notes")
