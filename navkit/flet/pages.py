"""Where a page keeps navkit's per-page objects."""

from __future__ import annotations

from typing import Any

import flet as ft

from navkit.errors import NavkitError
from navkit.navigation.navigator import Navigator

__all__ = ["has_navigator", "keep_navigator", "navigator_of"]

_ATTRIBUTE = "_navkit_navigator"


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
