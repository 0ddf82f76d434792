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
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol

__all__ = [
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
        """The entries and the current position."""

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
    """A history navkit owns: real back and forward (desktop, mobile, tests)."""

    def __init__(self, address: str) -> None:
        self._state = HistoryState((address,))

    @property
    def state(self) -> HistoryState:
        """The entries and the current position."""
        return self._state

    def push(self, address: str) -> None:
        """A new entry after the current one."""
        self._state = self._state.pushed(address)

    def replace(self, address: str) -> None:
        """The current entry now holds ``address``."""
        self._state = self._state.replaced(address)

    def back(self) -> str | None:
        """Step back; None at the first entry."""
        if not self._state.can_back:
            return None
        self._state = self._state.moved(-1)
        return self._state.current

    def forward(self) -> str | None:
        """Step forward; None at the last entry."""
        if not self._state.can_forward:
            return None
        self._state = self._state.moved(1)
        return self._state.current

    def pop_to(self, address: str) -> None:
        """Closing a view is a step back when the entry before it is ``address``.

        Otherwise (a deep link opened at ``/store/42``, say) the current entry
        becomes ``address``, so Forward cannot bring the closed view back.
        """
        if self._state.can_back and self._state.entries[self._state.index - 1] == address:
            self._state = self._state.moved(-1)
        else:
            self._state = self._state.replaced(address)

    def observe(self, address: str) -> Move:
        """Classify and record a route change navkit did not start."""
        move = self._state.classify(address)
        self._state = self._apply(move, address)
        return move

    def forget(self, count: int) -> None:
        """Nothing to forget: this history is navkit's own, not the client's."""

    def _apply(self, move: Move, address: str) -> HistoryState:
        if move is Move.BACK:
            return self._state.moved(-1)
        if move is Move.FORWARD:
            return self._state.moved(1)
        return self._state.pushed(address)


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
        if not self._state.can_back:
            return None
        address = self._state.entries[self._state.index - 1]
        self.push(address)
        return address

    def forward(self) -> str | None:
        """Show the next entry's address, which the browser records as a new entry."""
        if not self._state.can_forward:
            return None
        address = self._state.entries[self._state.index + 1]
        self.push(address)
        return address

    def pop_to(self, address: str) -> None:
        """Closing a view pushes the view beneath, as Flet's AppBar back does."""
        self.push(address)

    def forget(self, count: int) -> None:
        """Drop the last ``count`` entries: pushes a disconnected browser never got."""
        count = min(count, self._state.index)
        if count > 0:
            index = self._state.index - count
            self._state = HistoryState(self._state.entries[: index + 1], index)
