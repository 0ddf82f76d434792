"""The client's history for a Flet page: the one owner of what the browser holds.

A :class:`ClientHistory` wraps one of the history models of
:mod:`navkit.navigation` -- memory (desktop: the client keeps no history),
browser (a page with navkit's history script) or push-only (a page without
it) -- and is the only place that

* makes each of the model's moves on the client: a push, or (with the
  script) a command the script carries out, with the echo bookkeeping of
  :mod:`navkit.flet.client_route`;
* hears what the client says: route changes (the browser's Back and
  Forward, a typed address, echoes, the script's messages), a reconnect,
  the tab's stored history for a new session. It records each in the model
  and hands the navigator one :data:`~navkit.navigation.history.ClientEvent`
  through its one listener.

The reserved-route codec is :mod:`navkit.flet.history_script`'s; what the
tab stores, :mod:`navkit.flet.tab_history`'s.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import flet as ft

from navkit.flet.client_route import ClientRoute
from navkit.flet.entry_keeping import EntryKeeping
from navkit.flet.history_script import Command, app_address, command_route, parse_reserved
from navkit.flet.loop import PageLoop
from navkit.flet.state_codec import JSON_STATE, StateCodec
from navkit.flet.tab_history import TabHistoryError, unpack
from navkit.navigation.browser import joined
from navkit.navigation.history import (
    ClientMoved,
    ClientSettled,
    EntryData,
    HistoryRestored,
    HistoryState,
    Listener,
    MemoryHistory,
    Move,
)
from navkit.navigation.values import ClientMove, Source

__all__ = ["ANSWER_SECONDS", "ClientHistory", "Heard"]

log = logging.getLogger("navkit")

# How long moves wait for the history script's answer (one round trip) before
# they are made without it.
ANSWER_SECONDS = 5.0

# A move of the model's, replayable on another state of it.
_Step = Callable[[MemoryHistory], ClientMove | None]


@dataclass(frozen=True, slots=True)
class Heard:
    """What a route change from the client was, for the page's other listeners.

    Attributes:
        app_route: The address the app's own ``on_route_change`` hears
            (None: navkit's own traffic, the app hears nothing).
        ours: ``page.route`` holds navkit's traffic, not the address shown:
            put it back.
    """

    app_route: str | None
    ours: bool = False


class ClientHistory:
    """A page's history, kept in step with its client (see the module docstring).

    Args:
        page: The page.
        model: The entries and position (a :class:`MemoryHistory` or one of
            the browser models).
        loop: Where the pushes to the client run.
        script: The page carries navkit's history script: moves through the
            history and replaces are commands, not pushes.
        codec: How entry states are kept in the tab (None: not at all).
    """

    def __init__(
        self,
        page: ft.Page,
        model: MemoryHistory,
        loop: PageLoop,
        *,
        script: bool,
        codec: StateCodec | None = JSON_STATE,
    ) -> None:
        self.page = page
        self.model = model
        self.script = script
        self.keeping = EntryKeeping(codec if script else None)
        self.client = ClientRoute(page.route or "/")
        self._loop = loop
        self._commands = 0
        self._restored = False
        self._last_message = ""  # a reconnect reports the last one again
        # Asked the tab for its history, no answer yet: a move reaching below
        # the first entry known waits for it, and every move after it (see _make).
        self._asking = False
        self._held: list[tuple[_Step, ClientMove | None]] | None = None
        self._before_held = HistoryState(("/",))

    # -- the model, read ---------------------------------------------------

    @property
    def state(self) -> HistoryState:
        """The entries and the current position."""
        return self.model.state

    @property
    def current(self) -> str:
        """The current entry's address."""
        return self.model.current

    def listen(self, listener: Listener) -> None:
        """The navigator's one listener of what the client does."""
        self.model.listen(listener)

    # -- changes navkit makes: recorded, then made on the client -------------

    def push(self, address: str, state: Any = None) -> ClientMove:
        """A new entry after the current one."""
        return _made(self._make(lambda model: model.push(address, state)))

    def replace(self, address: str, state: Any = None) -> ClientMove:
        """The current entry holds ``address`` instead."""
        return _made(self._make(lambda model: model.replace(address, state)))

    def entry_state(self, by: int = 0) -> Any:
        """The state of the entry ``by`` entries from the current one."""
        return self.model.entry_state(by)

    def entry_data(self) -> EntryData:
        """What the current entry holds."""
        return self.model.entry_data()

    def keep_snapshot(self, entry: EntryData, snapshot: Any) -> None:
        """``entry``'s view was left: keep its snapshot, here and (next move) in the tab."""
        self.model.keep_snapshot(entry, snapshot)
        self.keeping.snapshot_left(entry)

    def back(self) -> ClientMove | None:
        """Move to the previous entry (None at the first)."""
        return self._make(lambda model: model.back())

    def forward(self) -> ClientMove | None:
        """Move to the next entry (None at the last)."""
        return self._make(lambda model: model.forward())

    def pop_to(self, address: str, closed: int) -> ClientMove:
        """``closed`` views were closed, landing on ``address``."""
        below = closed > self.model.state.index  # steps back past the first entry known
        return _made(self._make(lambda model: model.pop_to(address, closed), below=below))

    def go(self, by: int, address: str) -> ClientMove:
        """Move ``by`` entries to ``address`` (browser moves undone)."""
        below = self.model.state.index + by < 0
        return _made(self._make(lambda model: model.go(by, address), below=below))

    def landed_late(self, address: str) -> ClientMove:
        """A push reached the browser after the user moved it: that entry becomes ``address``."""
        return _made(self._make(lambda model: model.landed_late(address)))

    def _make(self, step: _Step, *, below: bool = False) -> ClientMove | None:
        """Record ``step`` in the model and make it on the client -- or hold it.

        A new session's first round trip asks the tab for its history. A
        move that reaches below the first entry this page knows (the back
        arrow on the page the tab reconnected at) made before the answer
        would rewrite the entry instead of stepping back; so it, and every
        move after it, waits for the answer and is then made again on the
        tab's history (:meth:`_restore`). The page itself follows at once.
        """
        if self._held is None and below and self._asking and self._hold():
            self._before_held = self.model.state
        before = self.model.state
        move = step(self.model)
        if self._held is not None:
            self._held.append((step, move))
        elif move is not None:
            self._send(move, before)
        return move

    def _hold(self) -> bool:
        """Start holding moves, with a deadline for the answer; False with no loop to time it."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        held: list[tuple[_Step, ClientMove | None]] = []
        self._held = held
        loop.call_later(ANSWER_SECONDS, self._answer_late, held)
        return True

    def _answer_late(self, held: list[tuple[_Step, ClientMove | None]]) -> None:
        """No answer in time: make the held moves as recorded (the tab's entries stay unknown)."""
        if self._held is held:
            log.warning("navkit: no answer from the history script in %s s", ANSWER_SECONDS)
            self._asking = False
            self._release(replay=None)

    def _release(self, replay: HistoryState | None) -> None:
        """Make the held moves on the client: again from ``replay``, or as recorded."""
        held, self._held = self._held or [], None
        if replay is not None:
            self.model.restore(replay)
        for step, move in held:
            made = step(self.model) if replay is not None else move
            if made is not None:
                self._send(made)

    def _drop_held(self) -> None:
        """The client moved by itself before the answer: the held moves never happened."""
        if self._held is not None:
            self._held = None
            self.model.restore(self._before_held)

    def observe(self, address: str) -> Move:
        """The client moved to ``address`` (recorded only: it is there already)."""
        return self.model.observe(address)

    def moved(self, by: int, address: str) -> None:
        """The browser moved ``by`` entries to ``address`` (recorded only)."""
        self.model.moved(by, address)

    def forget(self, count: int) -> None:
        """The last ``count`` addresses never reached the client."""
        self.model.forget(count)

    def restore(self, state: HistoryState) -> None:
        """Hold ``state`` (read back from the client: nothing to send)."""
        self.model.restore(state)

    def _send(self, move: ClientMove, before: HistoryState | None = None) -> ClientMove:
        """Make ``move`` on the client (and a browser's history); ``before``: the history then.

        With the history script, a replace, a move through the history and
        a push that hands the tab a state or snapshot to keep are commands
        the script carries out (see :mod:`navkit.flet.entry_keeping`);
        without it -- or on desktop, where the client has no history --
        every move is a push.
        """
        command = self.keeping.command(move, before) if self.script else None
        if command is None:
            if self.client.pushed(move.address):
                self._loop.spawn(self.page.push_route(move.address))
            return move
        self._commands += 1
        route = command_route(self._commands, command)
        self.client.commanded(route, move.address, adds=move.kind == "push")
        self._loop.spawn(self.page.push_route(route))
        return move

    def ask(self) -> None:
        """Ask the history script for what the tab holds (a new session's first message).

        Whatever the page then moves comes after it, so the answer (a
        ``state`` message) describes the tab as the page opened.
        """
        self._commands += 1
        self._asking = True
        route = command_route(self._commands, Command("sync"))
        self.client.asked(route)
        self._loop.spawn(self.page.push_route(route))

    # -- what the client says ---------------------------------------------

    def route_changed(self, route: str) -> Heard:
        """A route change from the client: record it; the navigator hears what it means."""
        reserved = parse_reserved(route)
        if reserved is not None:
            return self._reserved_heard(route, reserved)
        model = self.model
        if self.client.received(route):
            # The echo of navkit's own push. The last one may come back after
            # the user moved the browser (Forward within one round trip of a
            # click): the browser then shows it, the page another.
            if not self.client.waiting:
                model.notify(ClientSettled(route))
                return Heard(route, ours=True)
            return Heard(route, ours=False)
        self._drop_held()
        arrival = self.client.arrived(route)
        if arrival.mislanded:
            # Where a command landed instead of where navkit expected: the
            # browser's history differs there, and the browser is right.
            model.moved(0, route)
            model.notify(ClientMoved(route, Source.BROWSER_FORWARD, 0))
        else:
            model.forget(arrival.unsent)
            model.arrived(route)
        return Heard(route)

    def _reserved_heard(self, route: str, reserved: Command) -> Heard:
        """A message of the history script, or the echo of navkit's own command."""
        if reserved.is_message and not self._new_message(reserved):
            return Heard(None, ours=True)  # heard already: the client reports it again
        if reserved.kind == "moved":
            # The browser's Back/Forward, with how far it moved (history script):
            # never an echo, whatever navkit still expects.
            self._drop_held()
            self.model.forget(self.client.moved(reserved.to))
            self._moved(reserved)
            return Heard(reserved.to, ours=True)
        if reserved.kind == "state":
            self._restore(reserved.data, reserved.to)
        else:  # a command's echo (received, or given up on already)
            self.client.received(route)
        return Heard(None, ours=True)

    def reconnected(self, route: str) -> None:
        """The client came back to its session showing ``route``.

        Flet keeps the session and sends the client the whole page, but the
        client keeps its own address, and what navkit sent meanwhile never
        reached it: the history forgets those entries, and the client's
        address wins (as Flet intends: it sends a route change for it). A
        client whose last route is a message of the script (a Back pressed
        while disconnected) reports it this way: it is heard, once.
        """
        reserved = parse_reserved(route)
        address = app_address(route)
        lost = self.client.reconnected(address)
        answer = reserved is not None and reserved.kind == "state" and self._asking
        if answer and reserved is not None and self._new_message(reserved):
            # The script's answer, sent as the connection dropped: the client
            # reports it now. Held moves are made on the tab's history.
            self._restore(reserved.data, reserved.to)
            self.model.notify(ClientMoved(self.model.current, Source.RECONNECT))
            return
        self._drop_held()
        if self._asking:
            self.ask()  # the question was lost with the connection: ask again
        self.model.forget(lost)
        if reserved is not None and reserved.kind == "moved" and self._new_message(reserved):
            self._moved(reserved)
            return
        if self.model.current != address:
            self.model.observe(address)
        self.model.notify(ClientMoved(address, Source.RECONNECT))

    def _new_message(self, message: Command) -> bool:
        """Whether ``message`` was not heard yet (a reconnect reports the last one again)."""
        if message.unique and message.unique == self._last_message:
            return False
        self._last_message = message.unique
        return True

    def _moved(self, message: Command) -> None:
        """The browser's own Back or Forward, known exactly: record it, tell the navigator."""
        self.model.moved(message.by, message.to)
        source = Source.BROWSER_BACK if message.by < 0 else Source.BROWSER_FORWARD
        self.model.notify(ClientMoved(message.to, source, message.by))

    def _restore(self, packed: str, shown: str) -> None:
        """The tab's stored history arrived (this session asked): continue it, once."""
        if self._restored:
            return  # asked once per session: a second answer changes nothing
        self._restored, self._asking = True, False
        history = self._tab_history(packed, shown)
        if history is None:
            self._release(replay=None)
            return
        self._release(replay=history)
        self.model.notify(HistoryRestored(self.model.state))

    def _tab_history(self, packed: str, shown: str) -> HistoryState | None:
        """The tab's stored history continued with this page's own (held moves not yet made)."""
        try:
            tab = unpack(packed, max_entries=self.model.max_entries)
        except TabHistoryError as error:
            log.warning("navkit: the tab's stored history is ignored (%s)", error)
            return None
        if tab.state.current != shown:
            log.warning(
                "navkit: the tab's stored history is ignored (it shows %r, the tab %r)",
                tab.state.current[:200],
                shown[:200],
            )
            return None
        own = self._before_held if self._held is not None else self.model.state
        return joined(self.keeping.restored(tab), own)


def _made(move: ClientMove | None) -> ClientMove:
    """A move that always exists (push, replace, pop_to, go)."""
    assert move is not None
    return move
