"""Which kept views are stale: rebuilt when next shown, or at once if shown.

A view is built once and kept while it stays on its stack (the diff reuses
it), which is what keeps what the user typed. When the data behind it
changes, the app says so -- ``nav.refresh()`` for the page shown,
``nav.invalidate(endpoint, **params)`` for any held level, parked tabs'
included -- and the level is marked stale. The next navigation that would
keep it builds it again instead; if it is the page on top and nothing is in
flight, a refresh rebuilds it now (a stale view beneath waits until it shows
again, so the page on top keeps what was typed). A navigation in flight is never cancelled for it:
it lands with the stale levels rebuilt, or a refresh follows it. Nothing
here touches Flet.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from navkit.navigation.outcomes import Pending
from navkit.navigation.values import Level

__all__ = ["Freshness", "matches"]


class Freshness:
    """The addresses of the stale levels of one page."""

    def __init__(self) -> None:
        self._stale: set[str] = set()
        self._waiting: Pending | None = None  # what refresh() callers wait on

    def mark(self, addresses: Collection[str]) -> Pending:
        """The levels at ``addresses`` are stale; what the caller may await (shared)."""
        self._stale.update(addresses)
        self._waiting = self._waiting or Pending()
        return self._waiting

    def kept_fresh(self, levels: tuple[Level, ...], keep: int) -> int:
        """How many of ``levels`` to keep, given ``keep`` without staleness.

        Only a stale *top* is built again -- with the stale levels right
        beneath it (a refresh of the whole stack) -- never a stale level
        with a kept view above it: that view (an editor, say) keeps what was
        typed, and the stale one is built when it is on top again.
        """
        if keep < len(levels) or not levels:
            return keep  # the top is built anyway
        index = len(levels)
        while index and levels[index - 1].address in self._stale:
            index -= 1
        return index

    def take_waiting(self) -> Pending | None:
        """What refresh() callers wait on, handed to the refresh about to run (or None)."""
        waiting, self._waiting = self._waiting, None
        return waiting

    def rebuilt(self, levels: tuple[Level, ...], keep: int, held: Collection[str]) -> None:
        """``levels`` landed, those from ``keep`` up built anew; ``held``: every level kept."""
        if self._stale:
            fresh = {level.address for level in levels[keep:]}
            self._stale = {address for address in self._stale if address in held} - fresh


def matches(level: Level, endpoint: str | None, params: Mapping[str, Any]) -> bool:
    """True when ``level`` shows ``endpoint`` (None: any) with these parameter values."""
    match = level.match
    if match is None:
        return endpoint is None and not params
    if endpoint is not None and match.endpoint != endpoint:
        return False
    return all(match.params.get(name) == value for name, value in params.items())
