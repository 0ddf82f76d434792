"""How each kind of navigation records itself in the history: one rule per source.

The navigator's finalize step calls :func:`record` once, after the page
shows the navigation's final address. The rule changes the history and
returns the :class:`~navkit.navigation.values.ClientMove` the client must
make (None: it shows that address already). A navigation redirected
elsewhere is recorded where it landed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from navkit.navigation.history import History
from navkit.navigation.stack import build_stack
from navkit.navigation.values import ClientMove, InFlight, Shown, Source
from navkit.routing.table import RouteTable

__all__ = ["entry_state", "landed_as", "record", "restore"]

Rule = Callable[[History, InFlight, str, int], "ClientMove | None"]


def _new_entry(history: History, flight: InFlight, final: str, closed: int) -> ClientMove | None:
    """go: a new entry (at the current entry's address, only its state changes)."""
    if final == history.current:
        return _in_place(history, flight, final, closed)
    return history.push(final, flight.state)


def _in_place(history: History, flight: InFlight, final: str, closed: int) -> ClientMove | None:
    """replace, refresh, a deep link that redirected: the current entry rewritten."""
    if final == history.current and flight.state is history.entry_state():
        return None
    return history.replace(final, flight.state)


def _stepping(history: History, flight: InFlight, final: str, closed: int) -> ClientMove | None:
    """back(), forward(): one step through the history, when it landed where it aimed."""
    if final == flight.address:
        move = history.back() if flight.source is Source.BACK else history.forward()
        if move is not None:
            return move
    return _new_entry(history, flight, final, closed)  # redirected: an entry where it landed


def _closing(history: History, flight: InFlight, final: str, closed: int) -> ClientMove | None:
    """pop, pop_until, the AppBar back arrow: back over the closed views' entries."""
    if final == flight.address:
        return history.pop_to(final, closed)
    return _new_entry(history, flight, final, closed)


def _client_first(history: History, flight: InFlight, final: str, closed: int) -> ClientMove | None:
    """The client moved first (browser buttons, typed address, reconnect).

    The history recorded the move when it happened; a redirect rewrites the
    entry the browser moved to, so Back never returns to the refused page.
    """
    return None if final == flight.address else history.replace(final, flight.state)


_RULES: dict[Source, Rule] = {
    Source.DEEP_LINK: _in_place,
    Source.GO: _new_entry,
    Source.REFRESH: _in_place,
    Source.REPLACE: _in_place,
    Source.BACK: _stepping,
    Source.FORWARD: _stepping,
    Source.POP: _closing,
    Source.VIEW_POP: _closing,
    Source.BROWSER_BACK: _client_first,
    Source.BROWSER_FORWARD: _client_first,
    Source.BROWSER_NEW: _client_first,
    Source.RECONNECT: _client_first,
}


def record(history: History, flight: InFlight, final: str, closed: int = 0) -> ClientMove | None:
    """Record ``flight``, which landed on ``final`` closing ``closed`` views.

    Returns:
        What the client must do, or None when it shows ``final`` already.
    """
    return _RULES[flight.source](history, flight, final, closed)


def entry_state(
    history: History, source: Source, address: str, depth: int, table: RouteTable
) -> Any:
    """The state of the entry a navigation will show, before it lands.

    ``go`` and ``replace`` given no state keep the current entry's when they
    stay at its address; back and forward find it beside the current one;
    closing views finds it among the entries of the views it closes (those
    ``History.pop_to`` steps back over: ``depth`` levels shown now, the
    target's fewer); the client's own moves, a refresh and a deep link show
    the current entry, which holds it already.
    """
    state = history.state
    if source in (Source.GO, Source.REPLACE):
        return history.entry_state() if address == state.current else None
    if source in (Source.BACK, Source.FORWARD):
        return history.entry_state(-1 if source is Source.BACK else 1)
    if source in (Source.POP, Source.VIEW_POP):
        closing = max(depth - len(build_stack(table, address)), 1)
        for by in range(1, min(closing, state.index) + 1):
            if state.entries[state.index - by] == address:
                return history.entry_state(-by)
        return None
    return history.entry_state()


def landed_as(flight: InFlight, final: str, shown: Shown | None) -> InFlight:
    """``flight`` as it lands on ``final``, with the state its entry will hold.

    Redirected to the page shown, a navigation given no state changes
    nothing of it: the page keeps its entry's state (a ``back()`` a guard
    sends home again does not take the state of the entry it aimed at).
    An address typed in the browser is a new entry, though: redirected to
    the page shown, that entry holds none.
    """
    back_home = shown is not None and final == shown.address and final != flight.address
    new_entry = flight.source is Source.BROWSER_NEW
    if back_home and not flight.gave_state and not new_entry and shown is not None:
        return replace(flight, state=shown.state)
    return flight


def restore(history: History, moves: list[InFlight], shown: Shown) -> ClientMove | None:
    """Navigations the client started never landed: show ``shown`` again.

    Browser moves known exactly are undone by moving back as many entries
    as they moved together; otherwise (a typed address among them) the
    current entry is rewritten to ``shown``. No entry is added (where only
    pushes are possible, one is).
    """
    if history.current == shown.address:
        return None
    steps = [flight.moved_by for flight in moves]
    by = sum(step for step in steps if step is not None)
    if by and None not in steps:
        return history.go(-by, shown.address)
    return history.replace(shown.address, shown.state)
