"""How each kind of navigation records itself in the history: one rule per source.

The navigator's finalize step calls :func:`record` once, after the page
shows the navigation's final address; the rule updates the history and
says which address the client must be told about (None: it shows it
already). A navigation redirected elsewhere is recorded where it landed.
"""

from __future__ import annotations

from collections.abc import Callable

from navkit.navigation.history import History
from navkit.navigation.values import InFlight, Source

__all__ = ["record", "restore"]

Rule = Callable[[History, InFlight, str], "str | None"]


def _new_entry(history: History, flight: InFlight, final: str) -> str | None:
    """go, refresh: a new entry (none when the address is the current entry's)."""
    if final == history.current:
        return None
    history.push(final)
    return final


def _in_place(history: History, flight: InFlight, final: str) -> str | None:
    """replace, and a deep link that redirected: the current entry rewritten."""
    if final == history.current:
        return None
    history.replace(final)
    return final


def _moving(move: Callable[[History, str], object]) -> Rule:
    """back, forward, pop: a move through the history when it landed where it aimed."""

    def rule(history: History, flight: InFlight, final: str) -> str | None:
        if final == flight.address:
            move(history, final)
        elif final != history.current:
            history.push(final)  # redirected: the entry is where it landed
        return final

    return rule


def _client_first(history: History, flight: InFlight, final: str) -> str | None:
    """The client moved first (browser buttons, typed address, reconnect).

    The history recorded the move when it happened; only a redirect adds
    the address it landed on.
    """
    if final == flight.address:
        return None
    history.push(final)
    return final


_RULES: dict[Source, Rule] = {
    Source.DEEP_LINK: _in_place,
    Source.GO: _new_entry,
    Source.REFRESH: _new_entry,
    Source.REPLACE: _in_place,
    Source.BACK: _moving(lambda history, _: history.back()),
    Source.FORWARD: _moving(lambda history, _: history.forward()),
    Source.POP: _moving(lambda history, final: history.pop_to(final)),
    Source.VIEW_POP: _moving(lambda history, final: history.pop_to(final)),
    Source.BROWSER_BACK: _client_first,
    Source.BROWSER_FORWARD: _client_first,
    Source.BROWSER_NEW: _client_first,
    Source.RECONNECT: _client_first,
}


def record(history: History, flight: InFlight, final: str) -> str | None:
    """Record ``flight``, which landed on ``final``; the address to tell the client, if any."""
    return _RULES[flight.source](history, flight, final)


def restore(history: History, shown: str) -> str | None:
    """A navigation the client started was refused or overtaken: put ``shown`` back."""
    if history.current == shown:
        return None
    history.push(shown)
    return shown
