"""The browser's session history, as a Flet web page can know and move it.

Two models of the browser's entries (see :mod:`navkit.navigation.history`
for the protocol): :class:`BrowserHistory` for a page with navkit's history
script, :class:`PushOnlyHistory` for one without. Pure: the Flet binding's
client history (``navkit.flet.client_history``) wraps one and makes its
moves on the client.
"""

from __future__ import annotations

from typing import Any

from navkit.navigation.history import HistoryState, MemoryHistory, Move
from navkit.navigation.values import ClientMove

__all__ = ["BrowserHistory", "PushOnlyHistory", "joined"]


class BrowserHistory(MemoryHistory):
    """The browser's session history for a Flet web page with navkit's history script.

    Every change is one the browser makes too (see the module docstring),
    so this equals the browser's entries and position at every step.
    """

    def observe(self, address: str) -> Move:
        """A route change that is no move through the history: a new entry.

        The script reports Back and Forward as moves (:meth:`moved`); what
        arrives as a plain route change is an address typed or followed.
        """
        self.push(address)
        return Move.NEW

    def forget(self, count: int) -> None:
        """Drop the last ``count`` entries: pushes a disconnected browser never got."""
        count = min(count, self._index)
        if count > 0:
            self._index -= count
            del self._entries[self._index + 1 :]
            del self._data[self._index + 1 :]
            self._snapshot = None

    def landed_late(self, address: str) -> ClientMove:
        """The late push dropped the browser's entries after it: so does this history."""
        del self._entries[self._index + 1 :]
        del self._data[self._index + 1 :]
        return self.replace(address, self.entry_state())


class PushOnlyHistory(BrowserHistory):
    """Mirrors a browser's history when Python can only push (no history script).

    ``back()``, ``forward()``, ``replace()`` and closing a view all show
    their address through a new browser entry, so they are recorded as one.
    The browser's Back and Forward are classified (:meth:`observe`).
    """

    def observe(self, address: str) -> Move:
        """Classify a route change by the neighbours of the current entry (Back wins ties)."""
        return MemoryHistory.observe(self, address)

    def replace(self, address: str, state: Any = None) -> ClientMove:
        """The browser gets a new entry (Flet cannot replace one): record it."""
        return self.push(address, state)

    def back(self) -> ClientMove | None:
        """Show the previous entry's address, which the browser records as a new entry."""
        return self._push_neighbour(-1)

    def forward(self) -> ClientMove | None:
        """Show the next entry's address, which the browser records as a new entry."""
        return self._push_neighbour(1)

    def pop_to(self, address: str, closed: int) -> ClientMove:
        """Closing a view pushes the view beneath, as Flet's AppBar back does."""
        beneath = self._index > 0 and self._entries[self._index - 1] == address
        return self.push(address, self.entry_state(-1) if beneath else None)

    def _push_neighbour(self, by: int) -> ClientMove | None:
        index = self._index + by
        if not 0 <= index < len(self._entries):
            return None
        return self.push(self._entries[index], self._data[index].state)


def joined(tab: HistoryState, own: HistoryState) -> HistoryState | None:
    """The tab's stored history with what this page recorded since it opened.

    A new session asks the tab for its history first thing, so the tab's
    entry shown is the one the page opened at, ``own.entries[0]``: the
    tab's entries before it stay, this page's own follow, and the tab's
    entries after it stay too unless the page pushed (a push drops them).

    Returns:
        None when the page recorded moves it could not place (a browser
        move past its first entry before the answer came).
    """
    if "" in own.entries:
        return None
    below = tab.entries[: tab.index]
    above = tab.entries[tab.index + 1 :] if len(own.entries) == 1 else ()
    data = [tab.data_at(index) for index in range(len(tab.entries))]
    own_data = [own.data_at(index) for index in range(len(own.entries))]
    opened, kept = own_data[0], data[tab.index]  # the page opened at the tab's entry
    if opened.state is None and opened.snapshot is None:
        # What the tab kept of it, in the entry the page holds already (the same entry).
        opened.state, opened.snapshot = kept.state, kept.snapshot
    return HistoryState(
        (*below, *own.entries, *above),
        len(below) + own.index,
        (*data[: tab.index], *own_data, *(data[tab.index + 1 :] if above else ())),
    )
