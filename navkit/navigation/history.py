"""History: the list of visited addresses and where the page is in it.

One small protocol, as in Vue Router's ``history/``, three implementations:

* :class:`MemoryHistory` -- navkit owns the history (desktop, mobile, tests):
  ``back()`` and ``forward()`` really move.
* :class:`BrowserHistory` -- the browser owns it (Flet web, with navkit's
  history script in the page): every change navkit makes is one the
  browser makes too -- ``go`` pushes, ``replace`` rewrites the current
  entry, ``back()``/``forward()`` and closing views move by as many entries
  -- and the browser's own Back and Forward arrive with the exact number of
  entries moved. The history always equals the browser's session history.
* :class:`PushOnlyHistory` -- a browser page without the script (an app's
  own ``index.html``): Flet's ``push_route`` can only add entries, so every
  address shown is a new entry, and the browser's moves are classified by
  their neighbours (the A, B, A case is a guess).

Each change returns the :class:`~navkit.navigation.values.ClientMove` the
client must make. All keep at most ``max_entries`` entries (the oldest go
first, as browsers keep 50), and a push costs O(1): the entries live in a
list, and :attr:`state` is a snapshot made when read.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from navkit.navigation.values import ClientMove

# How many entries a page keeps, oldest dropped first: as Chromium and
# Firefox keep 50 per tab, so a browser page's model matches its browser.
DEFAULT_MAX_ENTRIES = 50

__all__ = [
    "DEFAULT_MAX_ENTRIES",
    "BrowserHistory",
    "History",
    "HistoryState",
    "MemoryHistory",
    "Move",
    "PushOnlyHistory",
    "joined",
]


class Move(Enum):
    """How a route change the app did not start moved through the history."""

    BACK = "back"
    FORWARD = "forward"
    NEW = "new"  # typed, pasted or followed: a new entry after the current one


@dataclass(frozen=True, slots=True)
class HistoryState:
    """The entries (addresses) and the position in them; an immutable value.

    Attributes:
        entries: Addresses, oldest first.
        index: Position of the current entry.
    """

    entries: tuple[str, ...]
    index: int = 0

    @property
    def current(self) -> str:
        """The current entry's address."""
        return self.entries[self.index]

    @property
    def can_back(self) -> bool:
        """True when there is an entry before the current one."""
        return self.index > 0

    @property
    def can_forward(self) -> bool:
        """True when there is an entry after the current one."""
        return self.index < len(self.entries) - 1

    def pushed(self, address: str) -> HistoryState:
        """A new entry after the current one; the entries after it are dropped."""
        return HistoryState((*self.entries[: self.index + 1], address), self.index + 1)

    def replaced(self, address: str) -> HistoryState:
        """The current entry's address changed."""
        entries = list(self.entries)
        entries[self.index] = address
        return HistoryState(tuple(entries), self.index)

    def moved(self, delta: int) -> HistoryState:
        """The position moved by ``delta`` (clamped to the entries)."""
        index = min(max(self.index + delta, 0), len(self.entries) - 1)
        return HistoryState(self.entries, index)

    def classify(self, address: str) -> Move:
        """What a browser most likely did to arrive at ``address``.

        Back wins over Forward when both neighbours hold the address: it is
        by far the more common button.
        """
        if self.can_back and self.entries[self.index - 1] == address:
            return Move.BACK
        if self.can_forward and self.entries[self.index + 1] == address:
            return Move.FORWARD
        return Move.NEW


class History(Protocol):
    """What the navigator needs from a history; changes say what the client must do."""

    @property
    def state(self) -> HistoryState:
        """The entries and the current position (a snapshot)."""

    @property
    def current(self) -> str:
        """The current entry's address."""

    def push(self, address: str) -> ClientMove:
        """A new entry after the current one."""

    def replace(self, address: str) -> ClientMove:
        """The current entry holds ``address`` instead."""

    def back(self) -> ClientMove | None:
        """Move to the previous entry (None at the first)."""

    def forward(self) -> ClientMove | None:
        """Move to the next entry (None at the last)."""

    def pop_to(self, address: str, closed: int) -> ClientMove:
        """``closed`` views were closed, landing on ``address``."""

    def observe(self, address: str) -> Move:
        """The client moved to ``address`` by itself, direction unknown (classified)."""

    def moved(self, by: int, address: str) -> None:
        """The browser moved ``by`` entries to ``address`` by itself (known exactly)."""

    def forget(self, count: int) -> None:
        """The last ``count`` addresses shown never reached the client (it was disconnected)."""

    def landed_late(self, address: str) -> ClientMove:
        """A push reached the browser after the user moved it: rewrite that entry to ``address``.

        The browser pushed where it stood, dropping the entries after it;
        the current entry becomes ``address``, as the page shows.
        """

    def restore(self, state: HistoryState) -> None:
        """Hold ``state`` from now on: the client's history, read back from it (no move)."""


class MemoryHistory:
    """A history navkit owns: real back and forward (desktop, mobile, tests).

    Args:
        address: The first entry.
        max_entries: The most entries kept; pushing past it drops the oldest.
    """

    def __init__(self, address: str, *, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        if max_entries < 1:
            raise ValueError(f"max_entries must be at least 1, not {max_entries}")
        self.max_entries = max_entries
        self._entries = [address]
        self._index = 0
        self._snapshot: HistoryState | None = None

    @property
    def state(self) -> HistoryState:
        """The entries and the current position."""
        if self._snapshot is None:
            self._snapshot = HistoryState(tuple(self._entries), self._index)
        return self._snapshot

    @property
    def current(self) -> str:
        """The current entry's address."""
        return self._entries[self._index]

    def push(self, address: str) -> ClientMove:
        """A new entry after the current one; those after it are dropped."""
        del self._entries[self._index + 1 :]
        self._entries.append(address)
        if len(self._entries) > self.max_entries:
            del self._entries[0]
        self._index = len(self._entries) - 1
        self._snapshot = None
        return ClientMove("push", address)

    def replace(self, address: str) -> ClientMove:
        """The current entry now holds ``address``."""
        self._entries[self._index] = address
        self._snapshot = None
        return ClientMove("replace", address)

    def back(self) -> ClientMove | None:
        """Step back; None at the first entry."""
        return self._go(-1)

    def forward(self) -> ClientMove | None:
        """Step forward; None at the last entry."""
        return self._go(1)

    def pop_to(self, address: str, closed: int) -> ClientMove:
        """Closing views steps back over their entries when they are the ones beneath.

        Otherwise (a deep link opened at ``/store/42``, say) the current entry
        becomes ``address``, so neither Back nor Forward brings a closed view
        back.
        """
        for by in range(1, min(closed, self._index) + 1):
            if self._entries[self._index - by] == address:
                move = self._go(-by)
                if move is not None:
                    return move
        return self.replace(address)

    def observe(self, address: str) -> Move:
        """Classify and record a route change navkit did not start."""
        move = self._classify(address)
        if move is Move.BACK:
            self._go(-1)
        elif move is Move.FORWARD:
            self._go(1)
        else:
            self.push(address)
        return move

    def moved(self, by: int, address: str) -> None:
        """Record a move the browser made: ``by`` entries, to ``address``.

        Entries the page never recorded (before its first one: an earlier
        visit of the app in this tab) are added as the browser shows them.
        """
        index = self._index + by
        if index < 0:
            self._entries[:0] = [address] + [""] * (-index - 1)
            index = 0
        elif index >= len(self._entries):
            self._entries += [""] * (index - len(self._entries)) + [address]
        self._index = index
        self._entries[index] = address
        self._snapshot = None

    def forget(self, count: int) -> None:
        """Nothing to forget: this history is navkit's own, not the client's."""

    def landed_late(self, address: str) -> ClientMove:
        """Nothing lands late in navkit's own history: the current entry is ``address``."""
        return self.replace(address)

    def restore(self, state: HistoryState) -> None:
        """Hold ``state``'s entries and position (at most ``max_entries``, the shown kept)."""
        drop = min(max(0, len(state.entries) - self.max_entries), state.index)
        self._entries = list(state.entries[drop : drop + self.max_entries])
        self._index = state.index - drop
        self._snapshot = None

    def _classify(self, address: str) -> Move:
        """What a browser most likely did to arrive at ``address``; Back wins ties."""
        entries, index = self._entries, self._index
        if index > 0 and entries[index - 1] == address:
            return Move.BACK
        if index < len(entries) - 1 and entries[index + 1] == address:
            return Move.FORWARD
        return Move.NEW

    def _go(self, by: int) -> ClientMove | None:
        index = self._index + by
        if not 0 <= index < len(self._entries):
            return None
        self._index = index
        self._snapshot = None
        return ClientMove("go", self._entries[index], by)


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
            self._snapshot = None

    def landed_late(self, address: str) -> ClientMove:
        """The late push dropped the browser's entries after it: so does this history."""
        del self._entries[self._index + 1 :]
        return self.replace(address)


class PushOnlyHistory(BrowserHistory):
    """Mirrors a browser's history when Python can only push (no history script).

    ``back()``, ``forward()``, ``replace()`` and closing a view all show
    their address through a new browser entry, so they are recorded as one.
    The browser's Back and Forward are classified (:meth:`observe`).
    """

    def observe(self, address: str) -> Move:
        """Classify a route change by the neighbours of the current entry (Back wins ties)."""
        return MemoryHistory.observe(self, address)

    def replace(self, address: str) -> ClientMove:
        """The browser gets a new entry (Flet cannot replace one): record it."""
        return self.push(address)

    def back(self) -> ClientMove | None:
        """Show the previous entry's address, which the browser records as a new entry."""
        return self._push_neighbour(-1)

    def forward(self) -> ClientMove | None:
        """Show the next entry's address, which the browser records as a new entry."""
        return self._push_neighbour(1)

    def pop_to(self, address: str, closed: int) -> ClientMove:
        """Closing a view pushes the view beneath, as Flet's AppBar back does."""
        return self.push(address)

    def _push_neighbour(self, by: int) -> ClientMove | None:
        index = self._index + by
        if not 0 <= index < len(self._entries):
            return None
        return self.push(self._entries[index])


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
    return HistoryState((*below, *own.entries, *above), len(below) + own.index)
