"""What navkit did, for developers: each navigation logged at DEBUG and kept for the inspector.

A navigation's record is made when its pending outcome settles -- landed,
failed, refused or overtaken -- so one line tells the whole story: what
started it, where it went, where it ended and how long it took. Guards'
answers and the levels built are logged by the steps that know them
(``navkit.navigation.decide``, ``navkit.navigation.views``), under the
same ``navkit`` logger.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from navkit.navigation.outcomes import (
    Cancelled,
    Failed,
    Landed,
    NavigationOutcome,
    Pending,
    Refused,
)
from navkit.navigation.values import InFlight

__all__ = ["Trace", "Tracer", "describe"]

log = logging.getLogger("navkit")

# How many navigations a page remembers for the inspector.
KEPT = 50


@dataclass(frozen=True, slots=True)
class Trace:
    """One navigation, as it ended.

    Attributes:
        number: Its number on the page (1, 2, ...).
        source: What started it (``go``, ``browser_back``, ``view_pop``...).
        address: Where it was going.
        came_from: The address shown when it started.
        outcome: How it ended, in words (``landed /a``, ``refused by signed_in``...).
        milliseconds: From its start to its end.
        bytes_sent: What the server sent the client while it ran (Flet's
            frames, measured in debug mode or with DEBUG logs on), or
            ``None`` where nothing measures it.
    """

    number: int
    source: str
    address: str
    came_from: str
    outcome: str
    milliseconds: float
    bytes_sent: int | None = None

    def __str__(self) -> str:
        sent = "" if self.bytes_sent is None else f", {self.bytes_sent:,} bytes sent"
        return (
            f"#{self.number} {self.source} {self.address} (from {self.came_from or '-'}): "
            f"{self.outcome} in {self.milliseconds:.1f} ms{sent}"
        )


def describe(outcome: NavigationOutcome) -> str:
    """An outcome in a few words: ``landed /a (redirected from /b)``, ``failed 404 at /x``..."""
    match outcome:
        case Landed():
            via = f" (redirected from {' => '.join(outcome.redirected_from)})"
            return f"landed {outcome.address}" + (via if outcome.redirected_from else "")
        case Failed():
            return f"failed {outcome.error.code} at {outcome.address}"
        case Refused():
            return f"refused by {outcome.by or 'a check'}"
        case Cancelled():
            return f"overtaken by {outcome.by}" if outcome.by else "cancelled"


class Tracer:
    """The page's last navigations (kept with ``debug=True``); each logged at DEBUG as it ends.

    Off -- no DEBUG logging, no debug mode -- it costs a page nothing: an
    app serving thousands of idle pages keeps no records for them.
    """

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self.traces: deque[Trace] = deque(maxlen=KEPT)
        self.listeners: list[Callable[[Trace], None]] = []  # the inspector, when shown
        self.keep = False  # debug mode: records kept for the inspector
        # The bytes sent to the client so far, where a surface can tell
        # (navkit.flet counts Flet's frames); read only while tracing.
        self.meter: Callable[[], int] | None = None
        # Runs the end of a record once what its landing started has been
        # sent (Flet sends the history's move from a task); at once by default.
        self.after_sends: Callable[[Callable[[], None]], None] = _now
        self._clock = clock

    def follow(self, flight: InFlight, pending: Pending) -> None:
        """Record ``flight`` when ``pending`` settles (if kept or logged at all)."""
        if not self.keep and not log.isEnabledFor(logging.DEBUG):
            return
        started = self._clock()
        meter = self.meter
        sent_before = meter() if meter is not None else 0

        def ended(outcome: NavigationOutcome) -> None:
            milliseconds = (self._clock() - started) * 1000
            self.after_sends(lambda: self._record(flight, outcome, milliseconds, sent_before))

        pending.then(ended)

    def _record(
        self, flight: InFlight, outcome: NavigationOutcome, milliseconds: float, sent_before: int
    ) -> None:
        meter = self.meter
        trace = Trace(
            flight.number,
            flight.source.value,
            flight.address,
            flight.came_from,
            describe(outcome),
            milliseconds,
            meter() - sent_before if meter is not None else None,
        )
        if self.keep:
            self.traces.append(trace)
        log.debug("navkit: %s", trace)
        for listener in list(self.listeners):
            listener(trace)


def _now(callback: Callable[[], None]) -> None:
    callback()
