"""Scroll restoration: where a view's own scrolling stood, kept with its history entry.

A view with ``scroll`` set (``ft.View(scroll=ft.ScrollMode.AUTO, ...)``) is
followed: navkit listens to its ``on_scroll`` -- the app's own handler, if
it has one, is still called -- and offers the binding's default
:class:`~navkit.navigation.snapshots.Snapshot` for it: the offset Flet last
reported, restored with ``scroll_to`` when the view shows its entry again
(Back or Forward to a view built anew, a refresh, a reload, a new session).

Flet's client reports scrolling only to a control with an ``on_scroll``
handler, throttled per kind of notification; the "end" of every scroll is
its own kind, so the final offset always arrives. Without a handler of the
app's, navkit slows the reports down (``REPORT_MS``): only the last matters.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from typing import Any

import flet as ft

from navkit.flet.loop import PageLoop
from navkit.navigation.snapshots import Snapshot

__all__ = ["REPORT_MS", "RESTORE_AFTER", "ScrollKeeper"]

log = logging.getLogger("navkit")

REPORT_MS = 200  # at most one report of a kind per 200 ms; the end comes anyway
# A view built anew is drawn by the client on its next frame: restore after it.
RESTORE_AFTER = 0.05


class ScrollKeeper:
    """Follows the scrolling of the views a page shows (see the module docstring)."""

    def __init__(self, loop: PageLoop) -> None:
        self._loop = loop
        self._snapshots: weakref.WeakKeyDictionary[ft.View, Snapshot] = weakref.WeakKeyDictionary()

    def snapshot_of(self, view: Any) -> Snapshot | None:
        """The default snapshot of ``view``: its scroll offset (None: it does not scroll)."""
        if not isinstance(view, ft.View) or view.scroll is None:
            return None
        snapshot = self._snapshots.get(view)
        if snapshot is None:
            snapshot = self._follow(view)
            self._snapshots[view] = snapshot
        return snapshot

    def _follow(self, view: ft.View) -> Snapshot:
        offset: list[float] = [0.0]
        handler: Any = view.on_scroll  # the app's own, called too
        if handler is None:
            view.scroll_interval = max(view.scroll_interval or 0, REPORT_MS)

        def on_scroll(event: ft.OnScrollEvent) -> Any:
            offset[0] = float(event.pixels)
            return handler(event) if handler is not None else None

        view.on_scroll = on_scroll

        def capture() -> float | None:
            return offset[0] or None  # at the top: nothing to restore

        shown = weakref.ref(view)  # the snapshot must not keep the view alive

        def restore(value: Any) -> None:
            scrolled = shown()
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if scrolled is not None and number and 0 < value < float("inf"):
                offset[0] = float(value)
                self._loop.spawn(_scroll(scrolled, float(value)))

        return Snapshot(capture, restore)


async def _scroll(view: ft.View, offset: float) -> None:
    await asyncio.sleep(RESTORE_AFTER)
    try:
        await view.scroll_to(offset=offset, duration=0)
    except Exception as error:  # the view closed meanwhile, or the client could not scroll
        log.debug("navkit: scroll restoration skipped (%s)", error)
