"""What the client's scrollable views show, as Flet 1.0.5's client scrolls them.

Flet's ScrollableControl (``scrollable_control.dart``) answers ``scroll_to``
by jumping its controller (``duration`` 0) to the offset, clamped by the
content; its ScrollNotificationControl reports the user's scrolling as a
``scroll`` event -- only to a control with an ``on_scroll`` handler -- with
the offset in ``pixels`` (an ``end`` notification closes every scroll). A
client drawing the page anew (a reload, a new session) shows every view at
the top.
"""

from __future__ import annotations

from typing import Any

import flet as ft

from navkit.testing.protocol import control_id

__all__ = ["ClientScrolls"]


class ClientScrolls:
    """Each scrollable's offset on the client, by control id (absent: at the top)."""

    def __init__(self) -> None:
        self.offsets: dict[int, float] = {}
        self.jumps = 0  # scroll_to calls answered

    def scrolled_to(self, target: int, args: dict[str, Any]) -> None:
        """Python called ``scroll_to(offset=...)`` on the control ``target``."""
        offset = args.get("offset")
        if isinstance(offset, (int, float)) and offset >= 0:
            self.offsets[target] = float(offset)
            self.jumps += 1

    def user_scrolled(self, view: ft.View, pixels: float) -> tuple[int, dict[str, Any]] | None:
        """The user scrolls ``view`` to ``pixels``: the ``scroll`` event Python gets, if any.

        Returns:
            The target and the event's data -- or None: the view has no
            ``scroll`` (nothing moves) or no ``on_scroll`` (nothing is reported).
        """
        if view.scroll is None:
            return None
        target = control_id(view)
        self.offsets[target] = float(pixels)
        if view.on_scroll is None:
            return None
        data = {
            "event_type": "end",
            "pixels": float(pixels),
            "min_scroll_extent": 0.0,
            "max_scroll_extent": 10_000.0,
            "viewport_dimension": 600.0,
        }
        return target, data

    def offset(self, view: ft.View) -> float:
        """Where ``view`` shows scrolled to."""
        return self.offsets.get(control_id(view), 0.0)

    def redrawn(self) -> None:
        """The client drew the page anew: every view at the top."""
        self.offsets.clear()
