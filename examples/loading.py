"""An async view with a pending indicator, and navigating away while it loads.

The report takes two seconds to "load" (an ``async`` view function that
awaits). The page you were on stays, with a progress bar across the top,
until it is ready. Go somewhere else meanwhile and the report is cancelled:
it never lands, even though it would finish later -- the last navigation wins.

Run: ``python -m examples.loading`` and open http://127.0.0.1:8550/.
"""

from __future__ import annotations

import asyncio

import flet as ft

import navkit
from examples import _theme

LOAD_SECONDS = 2.0

blueprint = navkit.Blueprint("loading")


@blueprint.route("/", title="Reports")
def home(nav: navkit.Navigator) -> list[ft.Control]:
    return [
        ft.Text("The sales report takes a while to load."),
        ft.FilledTonalButton(
            "Sales report", icon=ft.Icons.BAR_CHART, on_click=lambda _: nav.go("loading.report")
        ),
        ft.OutlinedButton(
            "Quick notes", icon=ft.Icons.NOTES, on_click=lambda _: nav.go("loading.notes")
        ),
    ]


SALES = {"Teapots": 42, "Kettles": 17}


@blueprint.route("/report", title="Sales report")
async def report() -> list[ft.Control]:
    await asyncio.sleep(LOAD_SECONDS)  # a slow query, say; cancelled if you leave
    most = max(SALES.values())
    return [
        ft.Row(
            [
                ft.Text(f"{name}: {count}", width=110),
                ft.Container(
                    bgcolor=ft.Colors.PRIMARY, border_radius=4, height=20, width=240 * count / most
                ),
            ]
        )
        for name, count in SALES.items()
    ]


@blueprint.route("/notes", title="Notes")
def notes() -> list[ft.Control]:
    return [
        ft.Icon(ft.Icons.CHECK_CIRCLE_OUTLINE, size=48, color=ft.Colors.PRIMARY),
        ft.Text("Nothing to wait for here."),
    ]


router = navkit.Router()
router.register_blueprint(blueprint)


def main(page: ft.Page) -> None:
    page.title = "navkit: loading"
    _theme.apply(page)


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, main, name="loading")
