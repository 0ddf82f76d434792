"""A link control: a button that navigates, and preloads its target when the user means to.

``navkit.link(nav, "Note 7", "note", note_id=7)`` is an ``ft.TextButton``
(or the button class given) whose click goes to the target. Resting the
pointer on it, or focusing it with the keyboard, for ``INTENT_SECONDS``
preloads the target's loaders (:meth:`navkit.Navigator.preload`), so
opening it shows the page without waiting -- a pointer only passing over
the link loads nothing.
"""

from __future__ import annotations

import asyncio
from typing import Any

import flet as ft

from navkit.navigation.navigator import Navigator

__all__ = ["INTENT_SECONDS", "link"]

INTENT_SECONDS = 0.1


def link(  # noqa: PLR0913 - nav, content, target; the rest keyword-only options
    nav: Navigator,
    content: str | ft.Control,
    target: str,
    /,
    *,
    button: type[ft.TextButton] | type[ft.Button] = ft.TextButton,
    preload: bool = True,
    state: Any = None,
    **values: Any,
) -> ft.TextButton | ft.Button:
    """A button that goes to ``target`` (a path or endpoint, with ``values``).

    Args:
        nav: The page's navigator.
        content: The button's text or content.
        target: Where it goes.
        button: The button class (``ft.TextButton``, ``ft.Button``...).
        preload: Preload the target on hover or focus (see the module docstring).
        state: Handed to the target's page with its history entry
            (``nav.go(..., state=...)``); None: none.

    Raises:
        AddressError: ``target`` is a path outside the app.
        BuildError: ``target`` is an endpoint ``url_for`` cannot build.
    """
    nav.href(target, **values)  # a target that cannot be built fails here, not on click
    intent = _Intent(nav, target, values)
    given = {} if state is None else {"state": state}
    control = button(content, on_click=lambda _: nav.go(target, **given, **values))
    if preload:
        control.on_hover = intent.hovered
        control.on_focus = intent.focused
        control.on_blur = intent.left
    return control


class _Intent:
    """Whether the pointer (or focus) stays on a link long enough to mean it."""

    def __init__(self, nav: Navigator, target: str, values: dict[str, Any]) -> None:
        self.nav, self.target, self.values = nav, target, values
        self.entered = 0  # each entry counts: a later leave cancels an earlier wait

    async def hovered(self, event: ft.Event[Any]) -> None:
        if event.data in (True, "true"):
            await self._wait()
        else:
            self.left(event)

    async def focused(self, _event: ft.Event[Any]) -> None:
        await self._wait()

    def left(self, _event: ft.Event[Any]) -> None:
        self.entered += 1

    async def _wait(self) -> None:
        self.entered += 1
        mine = self.entered
        await asyncio.sleep(INTENT_SECONDS)
        if self.entered == mine:
            self.nav.preload(self.target, **self.values)
