"""A form that asks before being left, whichever back is used.

Type in the name field, then try to leave: the AppBar back arrow, the
browser's Back, or the Home button. A "Discard changes?" dialog asks; Keep
editing stays (the address is put back), Discard leaves.

Run: ``python -m examples.unsaved`` and open http://127.0.0.1:8550/profile/edit.
"""

from __future__ import annotations

import asyncio
import os

import flet as ft

import navkit

HOST, PORT = "127.0.0.1", 8550

router = navkit.Router()


@router.route("/", title="Home")
def home(nav: navkit.Navigator) -> list[ft.Control]:
    return [ft.Button("Edit profile", on_click=lambda _: nav.go("edit"))]


@router.route("/profile", title="Profile")
def profile() -> list[ft.Control]:
    return [ft.Text("Your profile")]


@router.route("/profile/edit", title="Edit profile")
def edit(nav: navkit.Navigator) -> list[ft.Control]:
    name = ft.TextField(label="Name")
    saved = {"value": ""}

    async def discard_changes(navigation: navkit.Navigation) -> bool:
        if name.value == saved["value"]:
            return True  # nothing unsaved
        return await ask(nav.page, "Discard changes?", "Your edits will be lost.")

    def save(_: object) -> None:
        saved["value"] = name.value or ""
        nav.go("profile")

    nav.on_leave(discard_changes)
    return [
        name,
        ft.Button("Save", on_click=save),
        ft.Button("Home", on_click=lambda _: nav.go("home")),
    ]


async def ask(page: ft.Page, title: str, text: str) -> bool:
    """Show a yes/no dialog and wait for the answer."""
    answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def reply(value: bool) -> None:
        if not answer.done():
            answer.set_result(value)
        page.pop_dialog()

    dialog = ft.AlertDialog(
        title=ft.Text(title),
        content=ft.Text(text),
        actions=[
            ft.TextButton("Keep editing", on_click=lambda _: reply(False)),
            ft.TextButton("Discard", on_click=lambda _: reply(True)),
        ],
        on_dismiss=lambda _: answer.done() or answer.set_result(False),
    )
    page.show_dialog(dialog)
    return await answer


def main(page: ft.Page) -> None:
    page.title = "navkit: unsaved changes"


if __name__ == "__main__":
    os.environ.setdefault("FLET_FORCE_WEB_SERVER", "true")  # serve; do not open a browser
    print(f"navkit unsaved-changes example: http://{HOST}:{PORT}/profile/edit", flush=True)
    navkit.run(router, main, host=HOST, port=PORT, view=ft.AppView.WEB_BROWSER, no_cdn=True)
