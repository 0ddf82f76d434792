"""``navkit.confirm``: an awaitable yes/no Material dialog, for leave checks and the rest.

Every app asking "Discard changes?" before a page is left needs the same
few lines: a future, a dialog whose buttons settle it, a dismissal that
means no. The part apps get wrong is the end: a leave check whose
navigation is overtaken (the user pressed Back again, a newer ``go``) is
cancelled while its dialog is still open, and the dialog's buttons then
answer a question no one asks any more. Here the dialog closes with the
await, however it ends: answered, dismissed, or cancelled.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import flet as ft

from navkit.flet.pages import when_closed

__all__ = ["confirm"]

log = logging.getLogger("navkit")


async def confirm(  # noqa: PLR0913 - the dialog's keyword-only wording and page
    title: str,
    message: str | None = None,
    *,
    yes: str = "OK",
    no: str = "Cancel",
    destructive: bool = False,
    page: ft.Page | None = None,
) -> bool:
    """Ask a yes/no question in a Material dialog; True when the user picks ``yes``.

    ``return await navkit.confirm("Discard changes?", "Your edits will be
    lost.", yes="Discard", no="Keep editing")`` in a leave check. Tapping
    outside the dialog or pressing Esc answers no. When the await is
    cancelled -- the navigation that asked was overtaken -- the dialog
    closes, and its buttons answer nothing.

    Args:
        title: The question.
        message: A line under it, if any.
        yes: The label of the button that answers True.
        no: The label of the button that answers False.
        destructive: The yes button is drawn in the theme's error colour.
        page: The page to ask on; by default Flet's current page (set in
            event handlers and in navkit's checks, guards and views).

    Raises:
        RuntimeError: No page was given and Flet has no current page.
    """
    page = page if page is not None else _current_page()
    answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def reply(value: bool) -> None:
        if not answer.done():  # a second tap, or a late dismissal, answers nothing
            answer.set_result(value)

    dialog = ft.AlertDialog(
        title=ft.Text(title),
        content=ft.Text(message) if message else None,
        actions=[
            ft.TextButton(no, on_click=lambda _: reply(False), key="navkit-confirm-no"),
            _yes_button(yes, destructive, lambda _: reply(True)),
        ],
        on_dismiss=lambda _: reply(False),
    )
    forget = when_closed(page, lambda: reply(False))
    if answer.done():
        return False  # the session has ended: no one can answer
    page.show_dialog(dialog)
    try:
        return await answer
    finally:
        forget()
        _close(dialog)


def _yes_button(label: str, destructive: bool, on_click: Any) -> ft.Control:
    style = (
        ft.ButtonStyle(bgcolor=ft.Colors.ERROR, color=ft.Colors.ON_ERROR) if destructive else None
    )
    return ft.FilledButton(label, on_click=on_click, style=style, key="navkit-confirm-yes")


def _close(dialog: ft.AlertDialog) -> None:
    """Close ``dialog`` if it is still open (answered by a button, or its asker gone)."""
    if not dialog.open:
        return  # dismissed on the client: Flet closed it
    dialog.open = False
    try:
        dialog.update()
    except RuntimeError as error:  # the page or its session is gone: nothing to close
        log.debug("navkit.confirm: the dialog could not be closed (%s)", error)


def _current_page() -> ft.Page:
    try:
        page: ft.Page = ft.context.page
    except RuntimeError:
        raise RuntimeError(
            "navkit.confirm(...) needs a page: call it from an event handler, a leave "
            "check or a view, or pass page=nav.page"
        ) from None
    return page
