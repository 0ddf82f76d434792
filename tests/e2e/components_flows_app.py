"""``flows_app`` written as a components app: every view an ``@ft.component``.

The same pages, titles and texts (``test_flows.py`` runs against both), so
``navkit.run`` renders it in Flet's components mode with
``page.render_views(navkit.Views, router)``: a guard refusing an AppBar
back, a modal route, a result from a pushed page kept in ``ft.use_state``.

Run: ``python -m tests.e2e.components_flows_app --port N``.
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


@router.route("/", title="Home", endpoint="home")
@ft.component
def Home() -> ft.Control:
    nav = navkit.use_navigator()
    picked, set_picked = ft.use_state("Nothing picked")

    async def pick(_: object) -> None:
        color = await nav.push_for_result("pick")
        set_picked(f"Picked {color}")  # the kept level's state, set after the pop

    return ft.Column(
        [
            ft.Text(picked),
            ft.Button("Pick a color", on_click=pick),
            ft.Button("Sticky", on_click=lambda _: nav.go("sticky")),
            ft.Button("Photos", on_click=lambda _: nav.go("photos")),
        ]
    )


@router.route("/pick", title="Pick", endpoint="pick")
@ft.component
def Pick() -> ft.Control:
    nav = navkit.use_navigator()
    return ft.Column(
        [
            ft.Button(color, on_click=lambda _, color=color: nav.pop(result=color))
            for color in ("red", "blue")
        ]
    )


@router.route("/sticky", title="Sticky", endpoint="sticky")
@ft.component
def Sticky() -> ft.Control:
    return ft.Text("The back arrow is refused here.")


@router.route("/photos", title="Photos", endpoint="photos")
@ft.component
def Photos() -> ft.Control:
    nav = navkit.use_navigator()
    return ft.Button("Photo 7", on_click=lambda _: nav.go("photo", photo_id=7))


@router.route("/photos/:photo_id", title="Photo", endpoint="photo", modal="dialog")
@ft.component
def Photo(photo_id: int) -> ft.Control:
    nav = navkit.use_navigator()
    return ft.Column(
        [ft.Text(f"Photo number {photo_id}"), ft.Button("Close", on_click=lambda _: nav.pop())]
    )


if __name__ == "__main__":
    serve(router, None, name="components_flows")
