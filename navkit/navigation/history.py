"""History: the list of visited addresses and where the page is in it.

One small protocol, as in Vue Router's ``history/``, three implementations
(the two browser ones in :mod:`navkit.navigation.browser`):

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
client must make; the Flet binding's client history
(``navkit.flet.client_history``) wraps one of these and makes that move on
the client itself, and hears the user's own moves, which it hands to the
one listener (:meth:`MemoryHistory.listen`) as client events. All keep at
most ``max_entries`` entries (the oldest go first, as browsers keep 50), and
a push costs O(1): the entries live in a list, and :attr:`state` is a
snapshot made when read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from navkit.navigation.entries import EntryData, HistoryState, Move
from navkit.navigation.values import ClientMove, Source

# How many entries a page keeps, oldest dropped first: as Chromium and
# Firefox keep 50 per tab, so a browser page's model matches its browser.
DEFAULT_MAX_ENTRIES = 50

__all__ = [
    "DEFAULT_MAX_ENTRIES",
    "ClientEvent",
    "ClientMoved",
    "ClientSettled",
    "EntryData",
    "History",
    "HistoryRestored",
    "HistoryState",
    "Listener",
    "MemoryHistory",
    "Move",
]


_SOURCES = {Move.BACK: Source.BROWSER_BACK, Move.FORWARD: Source.BROWSER_FORWARD}


@dataclass(frozen=True, slots=True)
class ClientMoved:
    """The user moved the client to ``address``; the history has recorded it.

    Attributes:
        address: Where the client is.
        source: ``BROWSER_BACK``, ``BROWSER_FORWARD``, ``BROWSER_NEW`` (an
            address typed or followed) or ``RECONNECT``.
        by: How many entries the browser moved, when known exactly.
    """

    address: str
    source: Source
    by: int | None = None


@dataclass(frozen=True, slots=True)
class ClientSettled:
    """The last move navkit made has reached the client, which shows ``address``."""

    address: str


@dataclass(frozen=True, slots=True)
class HistoryRestored:
    """The client's history was read back from it (a new session): it is ``state`` now."""

    state: HistoryState


ClientEvent = ClientMoved | ClientSettled | HistoryRestored
Listener = Callable[[ClientEvent], None]


class History(Protocol):
    """What the navigator needs from a history; changes say what the client must do."""

    @property
    def state(self) -> HistoryState:
        """The entries and the current position (a snapshot)."""

    @property
    def current(self) -> str:
        """The current entry's address."""

    def push(self, address: str, state: Any = None) -> ClientMove:
        """A new entry after the current one, holding ``state``."""

    def replace(self, address: str, state: Any = None) -> ClientMove:
        """The current entry holds ``address`` and ``state`` instead."""

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

    def entry_state(self, by: int = 0) -> Any:
        """The state of the entry ``by`` entries from the current one (None: none)."""

    def entry_data(self) -> EntryData:
        """What the current entry holds (the same object while the entry lives)."""

    def keep_snapshot(self, entry: EntryData, snapshot: Any) -> None:
        """``entry``'s view was left: keep what its snapshot captured."""

    def go(self, by: int, address: str) -> ClientMove:
        """Move ``by`` entries, to ``address`` (undoing browser moves that never landed)."""

    def listen(self, listener: Listener) -> None:
        """Hand the user's own moves, and what the client reports, to ``listener``."""


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
        self._data = [EntryData()]  # what each entry holds, beside it
        self._index = 0
        self._snapshot: HistoryState | None = None
        self._listener: Listener | None = None

    def listen(self, listener: Listener) -> None:
        """The one listener of the user's moves (the navigator's)."""
        self._listener = listener

    def notify(self, event: ClientEvent) -> None:
        """Hand ``event`` to the listener."""
        if self._listener is not None:
            self._listener(event)

    def arrived(self, address: str) -> None:
        """The user moved the client to ``address``, direction unknown: record it, tell.

        A route change for the entry shown is no move (Flet sends none, but
        a reconnect may): nothing is recorded.
        """
        move = self.observe(address) if address != self.current else Move.NEW
        self.notify(ClientMoved(address, _SOURCES.get(move, Source.BROWSER_NEW)))

    @property
    def state(self) -> HistoryState:
        """The entries and the current position."""
        if self._snapshot is None:
            data = tuple(self._data)
            self._snapshot = HistoryState(tuple(self._entries), self._index, data)
        return self._snapshot

    @property
    def current(self) -> str:
        """The current entry's address."""
        return self._entries[self._index]

    def push(self, address: str, state: Any = None) -> ClientMove:
        """A new entry after the current one; those after it are dropped."""
        del self._entries[self._index + 1 :]
        del self._data[self._index + 1 :]
        self._entries.append(address)
        self._data.append(EntryData(state))
        if len(self._entries) > self.max_entries:
            del self._entries[0]
            del self._data[0]
        self._index = len(self._entries) - 1
        self._snapshot = None
        return ClientMove("push", address, state=state)

    def replace(self, address: str, state: Any = None) -> ClientMove:
        """The current entry holds ``address`` and ``state`` (its snapshot: if the same page)."""
        old = self._data[self._index]
        same = self._entries[self._index] == address
        self._entries[self._index] = address
        self._data[self._index] = EntryData(state, old.snapshot if same else None)
        self._snapshot = None
        return ClientMove("replace", address, state=state)

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
        visit of the app in this tab) are added as the browser shows them,
        at most ``max_entries`` of them: a move is never more work than that.
        """
        by = max(-self.max_entries, min(by, self.max_entries))
        index = self._index + by
        if index < 0:
            self._entries[:0] = [address] + [""] * (-index - 1)
            self._data[:0] = [EntryData() for _ in range(-index)]
            index = 0
        elif index >= len(self._entries):
            self._entries += [""] * (index - len(self._entries)) + [address]
            self._data += [EntryData() for _ in range(index + 1 - len(self._data))]
        if self._entries[index] != address:
            self._data[index] = EntryData()  # another page than the entry held
        self._index = index
        self._entries[index] = address
        self._snapshot = None
        if len(self._entries) > self.max_entries:
            self.restore(self.state)

    def go(self, by: int, address: str) -> ClientMove:
        """Move ``by`` entries to ``address`` (see :meth:`moved`)."""
        self.moved(by, address)
        return ClientMove("go", address, by)

    def forget(self, count: int) -> None:
        """Nothing to forget: this history is navkit's own, not the client's."""

    def landed_late(self, address: str) -> ClientMove:
        """Nothing lands late in navkit's own history: the current entry is ``address``."""
        return self.replace(address, self.entry_state())

    def restore(self, state: HistoryState) -> None:
        """Hold ``state``'s entries and position (at most ``max_entries``, the shown kept)."""
        drop = min(max(0, len(state.entries) - self.max_entries), state.index)
        self._entries = list(state.entries[drop : drop + self.max_entries])
        self._data = [state.data_at(drop + i) for i in range(len(self._entries))]
        self._index = state.index - drop
        self._snapshot = None

    def entry_state(self, by: int = 0) -> Any:
        """The state of the entry ``by`` entries from the current one (None: none)."""
        index = self._index + by
        return self._data[index].state if 0 <= index < len(self._data) else None

    def entry_data(self) -> EntryData:
        """What the current entry holds (the same object while the entry lives)."""
        return self._data[self._index]

    def keep_snapshot(self, entry: EntryData, snapshot: Any) -> None:
        """``entry``'s view was left: keep what its snapshot captured (with the entry)."""
        entry.snapshot = snapshot

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
