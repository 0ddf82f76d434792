"""Snapshots: what a view keeps of itself (scroll offset, form values) while its entry lives.

A view registers one with ``nav.snapshot(capture, restore)`` while it is
built (the Flet binding registers one for a view's own scrolling). When a
navigation lands, the view shown until then is captured, and the value is
kept with the history entry it showed (``EntryData.snapshot``); when that
entry shows again with its view built anew -- Back or Forward to it, a
refresh, a new session -- the value is handed to the view's ``restore``;
when the client draws the page anew (a reload), the top view gets what it
captures now. SvelteKit's snapshots, per entry.

Like leave checks, a snapshot belongs to the level whose view registered
it, from the moment the navigation lands until the level closes. Nothing
here touches Flet.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from navkit.navigation.branches import ViewStack
from navkit.navigation.history import EntryData, History
from navkit.navigation.values import InFlight

__all__ = ["Snapshot", "Snapshots"]

log = logging.getLogger("navkit")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A view's capture and restore.

    Attributes:
        capture: What to keep of the view (None: nothing); called as its
            entry is left. JSON-like values survive a new session.
        restore: Called with what was captured, when the view shows its
            entry again.
    """

    capture: Callable[[], Any]
    restore: Callable[[Any], Any]


class Snapshots:
    """The snapshots of one page's views, by level address (see the module docstring)."""

    def __init__(self) -> None:
        self._by_level: dict[str, Snapshot] = {}
        # Registered while navigation ``number`` built the level at ``address``.
        self._registered: dict[tuple[int, str], Snapshot] = {}
        self._entry: EntryData | None = None  # the history entry shown
        self._top: str | None = None
        # Views beneath the top that the client shows unscrolled -- built
        # beneath it (a deep link, a new session) or drawn anew (a reload) --
        # placed when each is on top again: with what it captured as the
        # client redrew it (``_redrawn``), else its entry's snapshot.
        self._unplaced: set[str] = set()
        self._redrawn: dict[str, Any] = {}

    def add(self, snapshot: Snapshot, building: tuple[int, str] | None, top: str | None) -> None:
        """Register ``snapshot`` for the view being built (``building``), else for ``top``.

        A view may register several: they are kept side by side.
        """
        if building is not None:
            self._registered[building] = joined(self._registered.get(building), snapshot)
        elif top is not None:
            self._by_level[top] = joined(self._by_level.get(top), snapshot)

    def leaving(self, history: History) -> None:
        """A navigation lands: keep what the view shown until now captures, with its entry."""
        snapshot = self._by_level.get(self._top or "")
        if snapshot is None or self._entry is None:
            return
        value = _called(snapshot.capture)
        if value is not None:
            history.keep_snapshot(self._entry, value)

    def landed(  # noqa: PLR0913 - what finalize knows of the landing, given once
        self,
        history: History,
        flight: InFlight,
        shown: ViewStack,
        keep: int,
        staying: Collection[str],
        default: Callable[[Any], Snapshot | None],
    ) -> None:
        """``flight`` landed showing ``shown``: restore its top view where its entry left it.

        Args:
            history: The page's history (its current entry is the one shown now).
            flight: The navigation (the snapshots its views registered count now).
            shown: The levels and views shown.
            keep: How many levels (from the bottom) were kept, not built anew.
            staying: The addresses of the levels kept (shown and parked).
            default: The binding's snapshot of a view (its scrolling), kept for
                each view built now beside those it registered.
        """
        top = shown.levels[-1].address
        number, rebuilt = flight.number, keep < len(shown.levels)
        kept = {address: s for address, s in self._by_level.items() if address in staying}
        kept.update({address: s for (n, address), s in self._registered.items() if n == number})
        self._registered.clear()
        for level, view in zip(shown.levels[keep:], shown.views[keep:], strict=True):
            own = default(view)  # the binding's (its scrolling), beside the view's own
            if own is not None:
                kept[level.address] = joined(kept.get(level.address), own)
        self._by_level, self._top = kept, top
        self._entry = entry = history.entry_data()
        beneath = {level.address for level in shown.levels[keep:-1]}
        self._unplaced = {a for a in self._unplaced | beneath if a in kept}
        self._redrawn = {a: value for a, value in self._redrawn.items() if a in kept}
        value, drawn = entry.snapshot if rebuilt else None, self._redrawn.pop(top, None)
        if not rebuilt and top in self._unplaced:  # kept, but not placed since it was drawn
            self._unplaced.discard(top)
            value = drawn if drawn is not None else entry.snapshot
        snapshot = kept.get(top)
        if snapshot is not None and value is not None:
            _called(snapshot.restore, value)

    def redrawn(self) -> None:
        """The client drew the page anew (a reload keeps the session): every view as it was.

        The top view is restored now; those beneath when they are on top again.
        """
        captured = {a: _called(s.capture) for a, s in self._by_level.items()}
        self._redrawn = {a: value for a, value in captured.items() if value is not None}
        self._unplaced = set(self._by_level) - {self._top or ""}
        top = self._by_level.get(self._top or "")
        value = self._redrawn.pop(self._top or "", None)
        if top is not None and value is not None:
            _called(top.restore, value)

    def restored(self) -> None:
        """The entry shown got what the tab kept of it (a new session): restore its view."""
        snapshot = self._by_level.get(self._top or "")
        if snapshot is not None and self._entry is not None and self._entry.snapshot is not None:
            _called(snapshot.restore, self._entry.snapshot)


def joined(first: Snapshot | None, second: Snapshot) -> Snapshot:
    """Two snapshots of one view as one: their values side by side, ``[first's, second's]``."""
    if first is None:
        return second

    def capture() -> Any:
        values = [_called(first.capture), _called(second.capture)]
        return None if values == [None, None] else values

    def restore(value: Any) -> None:
        if isinstance(value, list) and len(value) == 2:
            for snapshot, part in zip((first, second), value, strict=True):
                if part is not None:
                    _called(snapshot.restore, part)

    return Snapshot(capture, restore)


def _called(function: Callable[..., Any], *args: Any) -> Any:
    """An app's capture or restore; one that fails is logged, never the navigation's failure.

    A restore may be async (it runs as a task of its own); a capture may
    not: it runs as its entry is left, and its value is kept at once.
    """
    try:
        result = function(*args)
    except Exception:
        log.exception("navkit: a view's snapshot failed")
        return None
    if inspect.isawaitable(result):
        if args:  # a restore
            _tasks.add(task := asyncio.ensure_future(result))
            task.add_done_callback(_finished)
        else:
            getattr(result, "close", lambda: None)()
            log.error("navkit: a snapshot's capture must not be async; nothing was kept")
        return None
    return result


_tasks: set[asyncio.Future[Any]] = set()  # async restores running (held until done)


def _finished(task: asyncio.Future[Any]) -> None:
    _tasks.discard(task)
    if not task.cancelled() and task.exception() is not None:
        log.error("navkit: a view's snapshot failed", exc_info=task.exception())
