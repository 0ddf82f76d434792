"""A browser tab's session history, as Chromium keeps it for a Flet web page.

The client stand-in keeps one per web page: the entries and the position,
at most 50 entries (the oldest go first, as in Chromium and Firefox), and
-- with navkit's history script in the page -- the script's part: it
carries out navkit's commands and reports the browser's own Back and
Forward with how far they moved (see ``navkit.flet.history_script``;
measured in Chromium, docs/notes/flet-1.0.5-routing.md).
"""

from __future__ import annotations

import itertools

from navkit.flet.history_script import moved_route, parse_reserved, state_route
from navkit.flet.tab_history import TabHistory, pack
from navkit.navigation.history import HistoryState

__all__ = ["BROWSER_MAX_ENTRIES", "BrowserTab"]

BROWSER_MAX_ENTRIES = 50


class BrowserTab:
    """Session history: entries, the current one, and what Flutter reports for each change.

    Args:
        route: The address the tab opened at.
        script: The page carries navkit's history script.
    """

    def __init__(self, route: str, *, script: bool) -> None:
        self.script = script
        self._messages = 0
        self._key_numbers = itertools.count(1)
        self.entries = [route]
        self.keys = [self._new_key()]  # the script's key per entry (sessionStorage)
        self.states = [""]  # the script's state text per entry ("": none)
        self.snapshots = [""]  # the script's snapshot text per entry ("": none)
        self.index = 0
        # What the script answers ``sync`` with instead of the entries (a test
        # plays a tampered sessionStorage by setting it).
        self.stored_override: str | None = None
        # Answers to ``sync`` held back (a test plays a slow round trip).
        self.hold_answers = False
        self.held_answers: list[str] = []

    def _new_key(self) -> str:
        return f"k{next(self._key_numbers)}"

    def stored(self) -> str:
        """What the history script keeps in ``sessionStorage`` for this tab, packed."""
        if self.stored_override is not None:
            return self.stored_override
        state = HistoryState(tuple(self.entries), self.index)
        kept = TabHistory(state, tuple(self.keys), tuple(self.states), tuple(self.snapshots))
        return pack(kept)

    def snapshots_kept(self) -> int:
        """How many entries hold a view's snapshot."""
        return sum(1 for text in self.snapshots if text)

    @property
    def current(self) -> str:
        """The address of the entry shown."""
        return self.entries[self.index]

    @property
    def length(self) -> int:
        """``history.length`` (from this page's first entry on)."""
        return len(self.entries)

    def push(self, route: str, state: str = "") -> None:
        """A new entry after the current one (``pushState``)."""
        lists = (self.entries, self.keys, self.states, self.snapshots)
        for kept in lists:
            del kept[self.index + 1 :]
        self.entries.append(route)
        self.keys.append(self._new_key())
        self.states.append(state)
        self.snapshots.append("")
        if len(self.entries) > BROWSER_MAX_ENTRIES:
            for kept in lists:
                del kept[0]
        self.index = len(self.entries) - 1

    def answer_push(self, route: str) -> list[str]:
        """Flutter pushes ``route`` (``push_route``): the route changes Python then receives.

        A command of the history script's is carried out instead: Flutter
        first reports the command route itself (the push it thinks it
        made), then the entry the browser shows.
        """
        command = parse_reserved(route) if self.script else None
        if command is None or command.kind == "moved":
            self.push(route)
            return [route]
        for by, text in command.snapshots:  # kept before the command runs
            if 0 <= self.index + by < len(self.entries):
                self.snapshots[self.index + by] = text
        if command.kind == "go":
            self.index = min(max(self.index + command.by, 0), len(self.entries) - 1)
        elif command.kind == "push":
            self.push(command.to, command.state)
        elif command.kind == "sync":
            self._messages += 1
            answer = state_route(self.stored(), self.current, str(self._messages))
            if self.hold_answers:
                self.held_answers.append(answer)
                return [route]
            return [route, answer]
        else:
            if self.entries[self.index] != command.to:
                self.snapshots[self.index] = ""  # a snapshot is of its page
            self.entries[self.index] = command.to
            self.states[self.index] = command.state
        return [route, self.current]

    def user_moves(self, by: int) -> str | None:
        """The browser's Back (-1) or Forward (+1): the route change Python receives, if any."""
        index = self.index + by
        if not 0 <= index < len(self.entries):
            return None
        self.index = index
        if not self.script:
            return self.current
        self._messages += 1
        return moved_route(by, self.current, str(self._messages))
