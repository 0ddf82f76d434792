"""Who waits on a page's navigations: their outcomes, and ``push_for_result``'s callers.

Every navigation started has a :class:`~navkit.navigation.outcomes.Pending`
that the machine settles exactly once: when it lands, is refused, or is
overtaken. A ``push_for_result`` caller waits on the navigation until it
lands, then on the view it pushed, until that view closes (with a result
from ``nav.pop(result=...)``, or None). Nothing here touches Flet.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from typing import Any

from navkit.navigation.outcomes import Cancelled, NavigationOutcome, Pending
from navkit.navigation.values import InFlight, Source

__all__ = ["Waiting", "settle"]


class Waiting:
    """The futures of one page's navigations (see the module docstring)."""

    def __init__(self) -> None:
        self._pending: dict[int, tuple[InFlight, list[Pending]]] = {}  # by number, until it ends
        self._pushed: dict[int, asyncio.Future[Any]] = {}  # push_for_result, until it lands
        self._results: dict[str, asyncio.Future[Any]] = {}  # then by the pushed view's address

    def started(
        self, flight: InFlight, pending: Pending, pushed: asyncio.Future[Any] | None
    ) -> None:
        """``flight`` started: ``pending`` hears how it ends; ``pushed`` waits for its view."""
        self._pending[flight.number] = (flight, [pending])
        if pushed is not None:
            self._pushed[flight.number] = pushed

    def join(self, flight: InFlight, pending: Pending) -> None:
        """``pending`` ends as ``flight`` does (a go to the address a refresh is showing)."""
        started = self._pending.get(flight.number)
        if started is not None:
            started[1].append(pending)

    def landed(
        self, flight: InFlight, outcome: NavigationOutcome, top: str, held: Collection[str]
    ) -> None:
        """``flight`` landed, its top level at ``top``; ``held``: the addresses of every level kept.

        A pop hands its result to whoever pushed the view it closed; views
        closed without one give None.
        """
        if flight.source in (Source.POP, Source.VIEW_POP):
            closed = self._results.pop(flight.came_from, None)
            if closed is not None:
                settle(closed, flight.result)
        pushed = self._pushed.pop(flight.number, None)
        if pushed is not None:
            earlier = self._results.get(top)
            if earlier is not None:
                # The view was open already (parked in another tab): it
                # answers the newest caller; the earlier one hears None.
                settle(earlier, None)
            self._results[top] = pushed
        for address in [address for address in self._results if address not in held]:
            settle(self._results.pop(address), None)
        self._end(flight, outcome)

    def let_down(self, flight: InFlight, outcome: NavigationOutcome) -> None:
        """``flight`` will never land: its pusher hears None, its pending ``outcome``."""
        pushed = self._pushed.pop(flight.number, None)
        if pushed is not None:
            settle(pushed, None)
        self._end(flight, outcome)

    def close(self) -> None:
        """The page closed: whoever waits hears None, or that it was cancelled."""
        for future in (*self._pushed.values(), *self._results.values()):
            settle(future, None)
        self._pushed.clear()
        self._results.clear()
        for flight, pendings in self._pending.values():
            for pending in pendings:
                pending.settle(Cancelled(flight.address))
        self._pending.clear()

    def _end(self, flight: InFlight, outcome: NavigationOutcome) -> None:
        started = self._pending.pop(flight.number, None)
        for pending in started[1] if started is not None else ():
            pending.settle(outcome)


def settle(future: asyncio.Future[Any], value: Any) -> None:
    """Resolve ``future`` with ``value`` unless it is done already."""
    if not future.done():
        future.set_result(value)
