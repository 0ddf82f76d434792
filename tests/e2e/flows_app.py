"""A test app for what the examples do not show: a guard refusing an AppBar
back, a modal route, and a result from a pushed page.

Run: ``python -m tests.e2e.flows_app --port N``.
"""

from __future__ import annotations

import flet as ft

import navkit
from examples._serve import serve

router = navkit.Router()


@router.guard
def keep_sticky(navigation: navkit.Navigation) -> bool:
    # Refuses only the AppBar/system back out of /sticky: a guard, not a leave check.
    return not (navigation.source is navkit.Source.VIEW_POP and navigation.came_from == "/sticky")


@router.route("/", title="Home")
def home(nav: navkit.Navigator) -> list[ft.Control]:
    picked = ft.Text("Nothing picked")

    async def pick(_: object) -> None:
        color = await nav.push_for_result("pick")
        picked.value = f"Picked {color}"
        picked.update()

    return [
        picked,
        ft.Button("Pick a color", on_click=pick),
        ft.Button("Sticky", on_click=lambda _: nav.go("sticky")),
        ft.Button("Photos", on_click=lambda _: nav.go("photos")),
    ]


@router.route("/pick", title="Pick")
def pick(nav: navkit.Navigator) -> list[ft.Control]:
    return [
        ft.Button(color, on_click=lambda _, color=color: nav.pop(result=color))
        for color in ("red", "blue")
    ]


@router.route("/sticky", title="Sticky")
def sticky() -> list[ft.Control]:
    return [ft.Text("The back arrow is refused here.")]


@router.route("/photos", title="Photos")
def photos(nav: navkit.Navigator) -> list[ft.Control]:
    return [ft.Button("Photo 7", on_click=lambda _: nav.go("photo", photo_id=7))]


@router.route("/photos/:photo_id", title="Photo", modal="dialog")
def photo(nav: navkit.Navigator, photo_id: int) -> list[ft.Control]:
    return [ft.Text(f"Photo number {photo_id}"), ft.Button("Close", on_click=lambda _: nav.pop())]


if __name__ == "__main__":
    serve(router, None, name="flows")
