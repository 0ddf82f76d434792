"""Turning what a level built into Flet controls: views, modals and error views."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import flet as ft

from navkit.navigation.views import Built

__all__ = [
    "default_pending_indicator",
    "error_view",
    "render",
    "wrap_modal",
    "wrap_view",
]

_ERROR_TITLES = {
    400: "Bad request",
    403: "Forbidden",
    404: "Not found",
    500: "Something went wrong",
}


def render(built: Built) -> ft.View | ft.DialogControl:
    """The control a built level shows: its view, modal, or error view."""
    level = built.level
    error, match = level.error, level.match
    if error is not None:
        if built.handled:
            return wrap_view(level.address, built.result, _ERROR_TITLES.get(error.code, ""))
        return error_view(level.address, error.code, error.description)
    if match is None:  # pragma: no cover - a level without a match carries an error
        return error_view(level.address, 404, "Not found")
    title = _title(match.route.options.title, match.endpoint)
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


def error_view(address: str, code: int, message: str) -> ft.View:
    """The default view for an error outcome (404 not found, 400, 500)."""
    return ft.View(
        route=address,
        appbar=ft.AppBar(title=ft.Text(_ERROR_TITLES.get(code, f"Error {code}"))),
        controls=[ft.Text(message), ft.Text(f"Error {code}", size=12)],
    )


def _title(title: str | None, endpoint: str) -> str:
    if title is not None:
        return title
    return endpoint.rpartition(".")[2].replace("_", " ").capitalize()
