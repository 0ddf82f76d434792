"""History: the list of visited addresses and where the page is in it.

Two implementations of one small protocol, as in Vue Router's ``history/``:

* :class:`MemoryHistory` -- navkit owns the history (desktop, mobile, tests):
  ``back()`` and ``forward()`` really move.
* :class:`BrowserHistory` -- the browser owns it (Flet web). Flet gives
  Python no way to move or replace the browser's entries: every address
  Python shows is pushed as a new entry. So this model mirrors what the
  browser does -- ``back()``, ``replace()`` and view pops add an entry, and a
  route change Python did not start is classified as the browser's Back,
  Forward, or a new address the user typed -- so that ``history`` always
  lists the browser's entries.

Both keep at most ``max_entries`` entries (the oldest go first), and a
push costs O(1): the entries live in a list, and :attr:`state` is a
snapshot made when read.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol

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
    """What the navigator needs from a history.

    Each method returns the address to show, or None when there is nowhere
    to go; the history's :attr:`state` is updated as the browser's would be.
    """

    @property
    def state(self) -> HistoryState:
        """The entries and the current position (a snapshot)."""

    @property
    def current(self) -> str:
        """The current entry's address."""

    def push(self, address: str) -> None:
        """Record a navigation to ``address`` (a new entry)."""

    def replace(self, address: str) -> None:
        """Record ``address`` in place of the current entry (where possible)."""

    def back(self) -> str | None:
        """Move to the previous entry; its address, or None at the start."""

    def forward(self) -> str | None:
        """Move to the next entry; its address, or None at the end."""

    def pop_to(self, address: str) -> None:
        """Record closing the top view, landing on ``address``."""

    def observe(self, address: str) -> Move:
        """Record a route change the app did not start (browser Back/Forward/typed)."""

    def forget(self, count: int) -> None:
        """The last ``count`` addresses shown never reached the client (it was disconnected)."""


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

    def push(self, address: str) -> None:
        """A new entry after the current one; those after it are dropped."""
        del self._entries[self._index + 1 :]
        self._entries.append(address)
        if len(self._entries) > self.max_entries:
            del self._entries[0]
        self._index = len(self._entries) - 1
        self._snapshot = None

    def replace(self, address: str) -> None:
        """The current entry now holds ``address``."""
        self._entries[self._index] = address
        self._snapshot = None

    def back(self) -> str | None:
        """Step back; None at the first entry."""
        return self._move(-1)

    def forward(self) -> str | None:
        """Step forward; None at the last entry."""
        return self._move(1)

    def pop_to(self, address: str) -> None:
        """Closing a view is a step back when the entry before it is ``address``.

        Otherwise (a deep link opened at ``/store/42``, say) the current entry
        becomes ``address``, so Forward cannot bring the closed view back.
        """
        if self._index > 0 and self._entries[self._index - 1] == address:
            self._move(-1)
        else:
            self.replace(address)

    def observe(self, address: str) -> Move:
        """Classify and record a route change navkit did not start."""
        move = self._classify(address)
        if move is Move.BACK:
            self._move(-1)
        elif move is Move.FORWARD:
            self._move(1)
        else:
            self.push(address)
        return move

    def forget(self, count: int) -> None:
        """Nothing to forget: this history is navkit's own, not the client's."""

    def _classify(self, address: str) -> Move:
        """What a browser most likely did to arrive at ``address`` (see HistoryState.classify)."""
        entries, index = self._entries, self._index
        if index > 0 and entries[index - 1] == address:
            return Move.BACK
        if index < len(entries) - 1 and entries[index + 1] == address:
            return Move.FORWARD
        return Move.NEW

    def _move(self, delta: int) -> str | None:
        index = self._index + delta
        if not 0 <= index < len(self._entries):
            return None
        self._index = index
        self._snapshot = None
        return self._entries[index]


class BrowserHistory(MemoryHistory):
    """Mirrors a browser's history for a Flet web page.

    Python can only push: ``back()``, ``forward()``, ``replace()`` and
    closing a view all show their address through a new browser entry, so
    they are recorded as one. Browser Back and Forward really move
    (:meth:`observe`).
    """

    def replace(self, address: str) -> None:
        """The browser gets a new entry (Flet cannot replace one): record it."""
        self.push(address)

    def back(self) -> str | None:
        """Show the previous entry's address, which the browser records as a new entry."""
        return self._push_neighbour(-1)

    def forward(self) -> str | None:
        """Show the next entry's address, which the browser records as a new entry."""
        return self._push_neighbour(1)

    def pop_to(self, address: str) -> None:
        """Closing a view pushes the view beneath, as Flet's AppBar back does."""
        self.push(address)

    def forget(self, count: int) -> None:
        """Drop the last ``count`` entries: pushes a disconnected browser never got."""
        count = min(count, self._index)
        if count > 0:
            self._index -= count
            del self._entries[self._index + 1 :]
            self._snapshot = None

    def _push_neighbour(self, delta: int) -> str | None:
        index = self._index + delta
        if not 0 <= index < len(self._entries):
            return None
        address = self._entries[index]
        self.push(address)
        return address
