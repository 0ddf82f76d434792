"""A history's entries: the addresses, the position, and what each entry holds beside.

Values the history models of :mod:`navkit.navigation.history` hand out
(:class:`HistoryState`, a snapshot made when read) and the per-entry record
they keep (:class:`EntryData`: an entry's state and its view's snapshot).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

__all__ = ["EntryData", "HistoryState", "Move"]


class Move(Enum):
    """How a route change the app did not start moved through the history."""

    BACK = "back"
    FORWARD = "forward"
    NEW = "new"  # typed, pasted or followed: a new entry after the current one


class EntryData:
    """What one history entry holds beside its address (the entry's identity while it lives).

    Attributes:
        state: The object ``nav.go(..., state=...)`` gave it (None: none).
        snapshot: What its view's snapshot captured when it was left (None: none).
    """

    __slots__ = ("snapshot", "state")

    def __init__(self, state: Any = None, snapshot: Any = None) -> None:
        self.state = state
        self.snapshot = snapshot

    def __repr__(self) -> str:
        return f"EntryData(state={self.state!r}, snapshot={self.snapshot!r})"


@dataclass(frozen=True, slots=True)
class HistoryState:
    """The entries (addresses) and the position in them; an immutable value.

    Attributes:
        entries: Addresses, oldest first.
        index: Position of the current entry.
        data: What each entry holds beside its address, when known; not
            part of equality: two histories of the same addresses are equal.
    """

    entries: tuple[str, ...]
    index: int = 0
    data: tuple[EntryData, ...] = field(default=(), compare=False, repr=False)

    def data_at(self, index: int) -> EntryData:
        """What entry ``index`` holds (empty when not known)."""
        return self.data[index] if 0 <= index < len(self.data) else EntryData()

    def state_at(self, index: int) -> Any:
        """The state of entry ``index`` (None: none, or not known)."""
        return self.data_at(index).state

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
