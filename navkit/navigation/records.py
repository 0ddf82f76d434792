"""How each kind of navigation records itself in the history: one rule per source.

The navigator's finalize step calls :func:`record` once, after the page
shows the navigation's final address. The rule changes the history and
returns the :class:`~navkit.navigation.values.ClientMove` the client must
make (None: it shows that address already). A navigation redirected
elsewhere is recorded where it landed.
"""

from __future__ import annotations

from collections.abc import Callable

from navkit.navigation.history import History
from navkit.navigation.values import ClientMove, InFlight, Source

__all__ = ["record", "restore"]

Rule = Callable[[History, InFlight, str, int], "ClientMove | None"]


def _new_entry(history: History, flight: InFlight, final: str, closed: int) -> ClientMove | None:
    """go: a new entry (none when the address is the current entry's)."""
    return None if final == history.current else history.push(final)


def _in_place(history: History, flight: InFlight, final: str, closed: int) -> ClientMove | None:
    """replace, refresh, a deep link that redirected: the current entry rewritten."""
    return None if final == history.current else history.replace(final)


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
    return None if final == flight.address else history.replace(final)


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


def restore(history: History, moves: list[InFlight], shown: str) -> ClientMove | None:
    """Navigations the client started never landed: show ``shown`` again.

    Browser moves known exactly are undone by moving back as many entries
    as they moved together; otherwise (a typed address among them) the
    current entry is rewritten to ``shown``. No entry is added (where only
    pushes are possible, one is).
    """
    if history.current == shown:
        return None
    steps = [flight.moved_by for flight in moves]
    by = sum(step for step in steps if step is not None)
    if by and None not in steps:
        return history.go(-by, shown)
    return history.replace(shown)
