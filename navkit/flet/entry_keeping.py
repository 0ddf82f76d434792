"""What the tab keeps of each entry beside its address: its state and its view's snapshot.

navkit's history script stores both, as text, with the tab's entries
(``sessionStorage``), so a new session gets them back with the history.
Python hands them over on the commands it sends anyway: a push whose entry
holds a state is a ``push`` command carrying it (``s``); the snapshots of
the views just left ride on the next command (``p``, with each entry's
distance ``pat``) -- a push that would carry none becomes a command for
them. A snapshot of an entry the user left by the browser's own Back or
Forward therefore reaches the tab with navkit's next move (the last
``MAX_SNAPSHOTS`` of them, when the user moved that many times first).
"""

from __future__ import annotations

from navkit.flet.history_script import MAX_SNAPSHOTS, Command
from navkit.flet.state_codec import StateCodec, decoded, encoded
from navkit.flet.tab_history import TabHistory
from navkit.navigation.history import EntryData, HistoryState
from navkit.navigation.values import ClientMove

__all__ = ["EntryKeeping"]


class EntryKeeping:
    """Turns states and snapshots into the tab's text and back (see the module docstring).

    Args:
        codec: How states and snapshots are written (None: the tab keeps none).
    """

    def __init__(self, codec: StateCodec | None) -> None:
        self.codec = codec
        self._unsent: list[tuple[EntryData, str]] = []  # snapshots the tab has not

    def snapshot_left(self, entry: EntryData) -> None:
        """``entry``'s view was left and captured: the tab gets it with the next command."""
        text = encoded(self.codec, entry.snapshot)
        unsent = [(kept, old) for kept, old in self._unsent if kept is not entry]
        self._unsent = ([*unsent, (entry, text)] if text is not None else unsent)[-MAX_SNAPSHOTS:]

    def command(self, move: ClientMove, before: HistoryState | None) -> Command | None:
        """The command that makes ``move`` and hands over what the tab keeps.

        Args:
            move: The move (a push, replace or go).
            before: The history before the move (None: held moves made
                again, which carry no snapshot).

        Returns:
            None when a plain push does: no state to keep, no snapshot unsent.
        """
        state = encoded(self.codec, move.state) if move.kind != "go" else None
        snapshots = self._take(before)
        if move.kind == "push" and state is None and not snapshots:
            return None
        return Command(move.kind, move.by, move.address, state=state or "", snapshots=snapshots)

    def _take(self, before: HistoryState | None) -> tuple[tuple[int, str], ...]:
        """The unsent snapshots, each with its entry's distance from the one shown ``before``."""
        unsent, self._unsent = self._unsent, []
        if before is None:
            return ()
        places = {id(data): index for index, data in enumerate(before.data)}
        return tuple(
            (places[id(entry)] - before.index, text)
            for entry, text in unsent
            if id(entry) in places  # an entry gone from the history keeps nothing
        )

    def restored(self, tab: TabHistory) -> HistoryState:
        """The tab's entries with what it kept of each, read back."""
        count = len(tab.state.entries)
        states = tab.states or ("",) * count
        snapshots = tab.snapshots or ("",) * count
        data = tuple(
            EntryData(decoded(self.codec, state), decoded(self.codec, snapshot))
            for state, snapshot in zip(states, snapshots, strict=True)
        )
        return HistoryState(tab.state.entries, tab.state.index, data)
