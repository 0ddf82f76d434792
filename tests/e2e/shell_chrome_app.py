"""A test app for a shell's chrome around what a Material app puts on it.

Three destinations -- Inbox, Notes, Reports -- and every view has a
floating action button ("Compose"). Inbox opens a snack bar ("Message
archived", shown for a minute) and a bottom sheet ("Close sheet" closes
it); Notes has a field to type in; Reports is an async view that takes
``LOAD_SECONDS`` to build, so a tap can land while it is in flight.

Run: ``python -m tests.e2e.shell_chrome_app --port N``.
"""

from __future__ import annotations

import asyncio

import flet as ft

import navkit
from examples._serve import serve

LOAD_SECONDS = 2.0
SNACK = "Message archived"
SNACK_SECONDS = 60  # stays while a test measures and taps around it

shell = navkit.Shell("app")
inbox = shell.branch("inbox", label="Inbox", icon=ft.Icons.INBOX, route="/inbox")
notes = shell.branch("notes", label="Notes", icon=ft.Icons.NOTES, route="/notes")
reports = shell.branch("reports", label="Reports", icon=ft.Icons.INSIGHTS, route="/reports")


def with_fab(title: str, controls: list[ft.Control]) -> ft.View:
    """A view titled ``title`` with ``controls`` and a "Compose" floating action button."""
    return ft.View(
        appbar=ft.AppBar(title=ft.Text(title)),
        floating_action_button=ft.FloatingActionButton(icon=ft.Icons.EDIT, tooltip="Compose"),
        controls=controls,
    )


@inbox.route("/inbox", title="Inbox")
def inbox_home(nav: navkit.Navigator) -> ft.View:
    page: ft.Page = nav.page

    def snack(_: ft.Event[ft.Button]) -> None:
        page.show_dialog(ft.SnackBar(ft.Text(SNACK), duration=ft.Duration(seconds=SNACK_SECONDS)))

    def sheet(_: ft.Event[ft.Button]) -> None:
        close = ft.Button("Close sheet", on_click=lambda _: page.pop_dialog())
        page.show_dialog(
            ft.BottomSheet(
                ft.Container(ft.Column([ft.Text("A bottom sheet"), close], tight=True), padding=20)
            )
        )

    return with_fab(
        "Inbox",
        [
            ft.Text("Three new messages."),
            ft.Button("Show snack bar", on_click=snack),
            ft.Button("Open sheet", on_click=sheet),
        ],
    )


@notes.route("/notes", title="Notes")
def notes_home() -> ft.View:
    return with_fab("Notes", [ft.TextField(label="Note")])


@reports.route("/reports", title="Reports")
async def reports_home() -> ft.View:
    await asyncio.sleep(LOAD_SECONDS)  # a slow query; cancelled if the user taps elsewhere
    return with_fab("Reports", [ft.Text("Teapots: 42")])


router = navkit.Router()
router.register_blueprint(shell)
router.add_route("/", endpoint="start", redirect_to="app.inbox.inbox_home")


def main(page: ft.Page) -> None:
    page.title = "navkit: shell chrome"


if __name__ == "__main__":
    serve(router, main, name="shell_chrome", start="/inbox")
