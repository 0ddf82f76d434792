"""A form that asks before being left, whichever back is used.

Type in the name field, then try to leave: the AppBar back arrow, the
browser's Back, or the Home button. A "Discard changes?" dialog asks; Keep
editing stays (the address is put back), Discard leaves.

Run: ``python -m examples.unsaved`` and open http://127.0.0.1:8550/profile/edit.
"""

from __future__ import annotations

import flet as ft

import navkit
from examples import _theme

blueprint = navkit.Blueprint("unsaved")


@blueprint.route("/", title="Home")
def home(nav: navkit.Navigator) -> list[ft.Control]:
    return [
        ft.Icon(ft.Icons.ACCOUNT_CIRCLE, size=72, color=ft.Colors.PRIMARY),
        ft.FilledButton(
            "Edit profile", icon=ft.Icons.EDIT, on_click=lambda _: nav.go("unsaved.edit")
        ),
    ]


@blueprint.route("/profile", title="Profile")
def profile() -> list[ft.Control]:
    return [
        ft.Icon(ft.Icons.VERIFIED_USER_OUTLINED, size=56, color=ft.Colors.PRIMARY),
        ft.Text("Your profile", size=20),
    ]


@blueprint.route("/profile/edit", title="Edit profile")
def edit(nav: navkit.Navigator) -> list[ft.Control]:
    name = ft.TextField(label="Name", prefix_icon=ft.Icons.PERSON_OUTLINE)
    saved = {"value": ""}

    async def discard_changes(navigation: navkit.Navigation) -> bool:
        if name.value == saved["value"]:
            return True  # nothing unsaved
        return await navkit.confirm(
            "Discard changes?",
            "Your edits will be lost.",
            yes="Discard",
            no="Keep editing",
            destructive=True,
        )

    def save(_: object) -> None:
        saved["value"] = name.value or ""
        nav.go("unsaved.profile")

    nav.on_leave(discard_changes)
    return [
        name,
        ft.Text(
            "Type a name, then leave by the back arrow, the browser's Back or Home.",
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
        ft.Row(
            [
                ft.FilledButton("Save", icon=ft.Icons.SAVE, on_click=save),
                ft.OutlinedButton(
                    "Home", icon=ft.Icons.HOME, on_click=lambda _: nav.go("unsaved.home")
                ),
            ]
        ),
    ]


router = navkit.Router()
router.register_blueprint(blueprint)


def main(page: ft.Page) -> None:
    page.title = "navkit: unsaved changes"
    _theme.apply(page)


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, main, name="unsaved", start="/profile/edit")
