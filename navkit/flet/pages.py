"""Where a page keeps navkit's per-page objects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from navkit.errors import NavkitError
from navkit.navigation.navigator import Navigator

__all__ = ["has_navigator", "keep_navigator", "navigator_of", "page_closed", "when_closed"]

_ATTRIBUTE = "_navkit_navigator"
_CLOSING = "_navkit_closing"


def navigator_of(page: ft.Page) -> Navigator:
    """The navigator attached to ``page``.

    Raises:
        NavkitError: No router is attached to the page.
    """
    navigator = getattr(page, _ATTRIBUTE, None)
    if not isinstance(navigator, Navigator):
        raise NavkitError("no navkit router is attached to this page: call router.attach(page)")
    return navigator


def has_navigator(page: Any) -> bool:
    """Whether a router is attached to ``page``."""
    return isinstance(getattr(page, _ATTRIBUTE, None), Navigator)


def keep_navigator(page: ft.Page, navigator: Navigator) -> None:
    """Attach ``navigator`` to ``page`` (see :func:`navigator_of`)."""
    setattr(page, _ATTRIBUTE, navigator)


class _Closing:
    """What waits for a page's session to end, and whether it has."""

    def __init__(self) -> None:
        self.closed = False
        self.waiting: list[Callable[[], None]] = []


def _closing(page: ft.Page) -> _Closing:
    closing = getattr(page, _CLOSING, None)
    if not isinstance(closing, _Closing):
        closing = _Closing()
        setattr(page, _CLOSING, closing)
    return closing


def when_closed(page: ft.Page, callback: Callable[[], None]) -> Callable[[], None]:
    """Call ``callback`` when ``page``'s session ends (at once if it has).

    Told by navkit's ``on_close`` handler, so only on a page a router is
    attached to. Returns a function that forgets ``callback``.
    """
    closing = _closing(page)
    if closing.closed:
        callback()
        return lambda: None
    closing.waiting.append(callback)

    def forget() -> None:
        if callback in closing.waiting:
            closing.waiting.remove(callback)

    return forget


def page_closed(page: ft.Page) -> None:
    """``page``'s session ended: tell whatever waits for it (see :func:`when_closed`)."""
    closing = _closing(page)
    closing.closed = True
    waiting, closing.waiting = closing.waiting, []
    for callback in waiting:
        callback()
