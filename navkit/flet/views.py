"""Turning what a level built into Flet controls: views, modals and error views."""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from typing import Any

import flet as ft

from navkit.errors import HTTPError
from navkit.flet.pages import navigator_of
from navkit.navigation.values import FailedLevel
from navkit.navigation.views import Built
from navkit.routing.location import path_of

__all__ = [
    "default_pending_indicator",
    "error_title",
    "error_view",
    "render",
    "wrap_modal",
    "wrap_view",
]

_ERROR_TITLES = {
    400: "Invalid address",
    403: "Not allowed",
    404: "Page not found",
    500: "Something went wrong",
}
_ERROR_ICONS = {
    400: ft.Icons.LINK_OFF,
    403: ft.Icons.LOCK_OUTLINE,
    404: ft.Icons.SEARCH_OFF,
}


def render(
    built: Built, *, debug: bool = False, home: bool = True, back: bool = False
) -> ft.View | ft.DialogControl:
    """The control a built level shows: its view, modal, or error view.

    ``debug``: default error views show the developer's detail too;
    ``home``: the app has a page at ``/``; ``back``: a page was shown before.
    """
    level = built.level
    if isinstance(level, FailedLevel):
        error = level.error
        if built.handled:
            return wrap_view(level.address, built.result, error_title(error.code))
        return error_view(level.address, error, debug=debug, home=home, back=back)
    match = level.match
    title = match.route.title
    modal = match.route.options.modal
    if modal is not None:
        return wrap_modal(modal, built.result, title)
    return wrap_view(level.address, built.result, title)


def _controls(result: Any) -> list[ft.Control]:
    """A view function's result as a list of controls (a string is one text)."""
    if result is None:
        return []
    if isinstance(result, ft.Control):
        return [result]
    if isinstance(result, Sequence) and not isinstance(result, str):
        return list(result)
    return [ft.Text(str(result))]


def wrap_view(address: str, result: Any, title: str) -> ft.View:
    """Make a view function's result an ``ft.View`` at ``address``.

    An ``ft.View`` is used as it is (its ``route`` set to the level's address,
    which Flutter keys it by); a control or a list of controls is wrapped in
    a view with an AppBar titled ``title``.
    """
    if isinstance(result, ft.View):
        result.route = address
        return result
    controls: list[Any] = _controls(result)
    return ft.View(route=address, appbar=ft.AppBar(title=ft.Text(title)), controls=controls)


def wrap_modal(kind: str, result: Any, title: str) -> ft.DialogControl:
    """Make a modal route's result a dialog (``"dialog"``) or bottom sheet (``"sheet"``).

    An ``ft.AlertDialog``/``ft.BottomSheet`` (any ``DialogControl``) is used
    as it is; controls are wrapped as :func:`wrap_view` wraps them.
    """
    if isinstance(result, ft.DialogControl):
        return result
    column = ft.Column(_controls(result), tight=True)
    if kind == "sheet":
        return ft.BottomSheet(content=ft.Container(column, padding=20))
    return ft.AlertDialog(title=ft.Text(title), content=column)


def default_pending_indicator() -> ft.Control:
    """A thin progress bar across the top of the page, shown while a page loads."""
    return ft.ProgressBar(top=0, left=0, right=0, semantics_label="Loading")


def error_view(
    address: str, error: HTTPError, *, debug: bool = False, home: bool = True, back: bool = False
) -> ft.View:
    """The default view for an error outcome: what an end user can read and do.

    A plain title and the error's description (the app's words from
    ``abort``, else the code's default), and a way out: Go back where a page
    was shown before, Home where the app has one, Try again after a failure.
    ``debug`` adds the developer's detail and the traceback of what raised
    (see :func:`navkit.errors.failure`).
    """
    icon = _ERROR_ICONS.get(error.code, ft.Icons.ERROR_OUTLINE)
    controls: list[ft.Control] = [
        ft.Icon(icon, size=64, color=ft.Colors.PRIMARY),
        ft.Text(error_title(error.code), theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
        ft.Text(error.description, text_align=ft.TextAlign.CENTER),
        ft.Row(
            _ways_out(address, error, home, back), alignment=ft.MainAxisAlignment.CENTER, wrap=True
        ),
    ]
    if debug:
        controls.append(_debug_detail(error))
    return ft.View(
        route=address,
        appbar=ft.AppBar(title=ft.Text(error_title(error.code))),
        controls=[
            ft.Container(
                ft.Column(
                    controls,
                    horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                    spacing=16,
                ),
                padding=24,
                alignment=ft.Alignment.TOP_CENTER,
            )
        ],
        scroll=ft.ScrollMode.AUTO,
    )


def error_title(code: int) -> str:
    """The title of an error page for ``code``: a short sentence an end user understands."""
    return _ERROR_TITLES.get(code, "Something went wrong")


def _ways_out(address: str, error: HTTPError, home: bool, back: bool) -> list[ft.Control]:
    """Go back; Home from anywhere but home; Try again after a failure (or if nothing else)."""
    ways: list[ft.Control] = []
    if back:
        ways.append(ft.OutlinedButton("Go back", icon=ft.Icons.ARROW_BACK, on_click=_go_back))
    if home and path_of(address) != "/":
        ways.append(ft.FilledButton("Home", icon=ft.Icons.HOME, on_click=_go_home))
    if error.code >= 500 or not ways:
        ways.append(ft.OutlinedButton("Try again", icon=ft.Icons.REFRESH, on_click=_try_again))
    return ways


def _go_home(event: ft.Event[Any]) -> None:
    navigator_of(event.page).go("/")


def _go_back(event: ft.Event[Any]) -> None:
    navigator_of(event.page).back()


def _try_again(event: ft.Event[Any]) -> None:
    navigator_of(event.page).refresh()


def _debug_detail(error: HTTPError) -> ft.Control:
    """What a developer needs: navkit's detail, the traceback of what raised."""
    lines = [f"Error {error.code} at {error.path or '?'}"]
    if error.detail:
        lines.append(error.detail)
    cause = error.__cause__
    if cause is not None:
        lines.append("".join(traceback.format_exception(type(cause), cause, cause.__traceback__)))
    return ft.Container(
        ft.Text("\n".join(lines), selectable=True, size=12),
        padding=12,
        border_radius=8,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
        key="navkit-debug-detail",
    )
