"""A form that asks before being left, whichever back is used.

Type in the name field, then try to leave: the AppBar back arrow, the
browser's Back, or the Home button. A "Discard changes?" dialog asks; Keep
editing stays (the address is put back), Discard leaves.

Run: ``python -m examples.unsaved`` and open http://127.0.0.1:8550/profile/edit.
"""

from __future__ import annotations

import asyncio

import flet as ft

import navkit

blueprint = navkit.Blueprint("unsaved")


@blueprint.route("/", title="Home")
def home(nav: navkit.Navigator) -> list[ft.Control]:
    return [ft.Button("Edit profile", on_click=lambda _: nav.go("unsaved.edit"))]


@blueprint.route("/profile", title="Profile")
def profile() -> list[ft.Control]:
    return [ft.Text("Your profile")]


@blueprint.route("/profile/edit", title="Edit profile")
def edit(nav: navkit.Navigator) -> list[ft.Control]:
    name = ft.TextField(label="Name")
    saved = {"value": ""}

    async def discard_changes(navigation: navkit.Navigation) -> bool:
        if name.value == saved["value"]:
            return True  # nothing unsaved
        return await ask(nav.page, "Discard changes?", "Your edits will be lost.")

    def save(_: object) -> None:
        saved["value"] = name.value or ""
        nav.go("unsaved.profile")

    nav.on_leave(discard_changes)
    return [
        name,
        ft.Button("Save", on_click=save),
        ft.Button("Home", on_click=lambda _: nav.go("unsaved.home")),
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


router = navkit.Router()
router.register_blueprint(blueprint)


def main(page: ft.Page) -> None:
    page.title = "navkit: unsaved changes"


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, main, name="unsaved", start="/profile/edit")
