"""A test app for fresh data after saving: a list of notes, a note, its editor.

``/`` lists the notes (``index``: links that preload a note on hover),
``/note/:note_id`` shows one (its loader takes ``LOAD_SECONDS``, so
navkit's progress bar shows while it loads, unless it was preloaded),
``/note/:note_id/edit`` edits it. The editor's leave check
is async: with unsaved text it shows a "Discard changes?" dialog (Discard /
Keep) and awaits the answer. ``NOTES``, a module-level dict, is the app's
data; each test edits a note of its own, since one server serves them all.

The editor saves two ways:

* "Save" stores the text, then ``nav.go("note", ...); nav.refresh()`` -- the
  sequence whose refresh used to cancel the go (the editor stayed);
* "Save and wait" stores it, says which views are stale, awaits
  ``nav.go("note", ...)`` and shows the outcome's kind in a snack bar.

Run: ``python -m tests.e2e.notes_app --port N``.
"""

from __future__ import annotations

import asyncio

import flet as ft

import navkit
from examples._serve import serve

LOAD_SECONDS = 1.0  # longer than pending_delay: the progress bar shows while a note loads

NOTES: dict[int, str] = {
    1: "Buy milk",
    2: "Call the plumber",
    3: "Water the plants",
    4: "Book the tickets",
    5: "Return the library books",
}

router = navkit.Router()


@router.route("/", title="Notes", endpoint="index")
def index(nav: navkit.Navigator) -> list[ft.Control]:
    rows: list[ft.Control] = []
    for note_id, text in NOTES.items():
        rows.append(ft.Text(text))
        # A link: resting the pointer on it preloads the note.
        rows.append(navkit.link(nav, f"Open note {note_id}", "note", note_id=note_id))
    return rows


async def load_note(note_id: int) -> str:
    await asyncio.sleep(LOAD_SECONDS)  # as if asked of a server
    return NOTES[note_id]


@router.route("/note/:note_id", title="Note", endpoint="note", loader=load_note)
def note(nav: navkit.Navigator, note_id: int, data: str) -> list[ft.Control]:
    return [
        ft.Text(data),
        ft.Button("Edit", on_click=lambda _: nav.go("edit", note_id=note_id)),
    ]


@router.route("/note/:note_id/edit", title="Edit note", endpoint="edit")
def edit(nav: navkit.Navigator, note_id: int) -> list[ft.Control]:
    field = ft.TextField(label="Text", value=NOTES[note_id])

    async def discard_changes(navigation: navkit.Navigation) -> bool:
        if field.value == NOTES[note_id]:
            return True  # nothing unsaved
        return await ask(nav.page, "Discard changes?")

    def save(_: object) -> None:
        NOTES[note_id] = field.value or ""
        nav.invalidate("index")
        nav.go("note", note_id=note_id)
        nav.refresh()  # used to cancel the go above: the editor stayed

    async def save_and_wait(_: object) -> None:
        NOTES[note_id] = field.value or ""
        nav.invalidate("note", note_id=note_id)
        nav.invalidate("index")
        outcome = await nav.go("note", note_id=note_id)
        nav.page.show_dialog(
            ft.SnackBar(ft.Text(type(outcome).__name__), duration=ft.Duration(seconds=60))
        )

    nav.on_leave(discard_changes)
    return [
        field,
        ft.Button("Save", on_click=save),
        ft.Button("Save and wait", on_click=save_and_wait),
    ]


async def ask(page: ft.Page, title: str) -> bool:
    """Show a Discard / Keep dialog and wait for the answer (True: discard)."""
    answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def reply(value: bool) -> None:
        if not answer.done():
            answer.set_result(value)
        page.pop_dialog()

    dialog = ft.AlertDialog(
        title=ft.Text(title),
        content=ft.Text("Your edits will be lost."),
        actions=[
            ft.TextButton("Keep", on_click=lambda _: reply(False)),
            ft.TextButton("Discard", on_click=lambda _: reply(True)),
        ],
        on_dismiss=lambda _: answer.done() or answer.set_result(False),
    )
    page.show_dialog(dialog)
    return await answer


if __name__ == "__main__":
    serve(router, None, name="notes")
