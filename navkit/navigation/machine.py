"""The navigator's state machine: what is shown, what is in flight, and the one finalize step.

One navigation, whatever started it::

    target ─resolve─▶ address ─decide─▶ final address, levels (guards, redirects)
           ─build─▶ views for the entering levels only ─finalize─▶ shown, history, URL

What is shown (:class:`Shown`) changes only in :meth:`NavigationMachine._finalize`; the
navigation in flight (:class:`InFlight`) is a separate value that no reader sees. Any new
navigation -- even one to the address shown -- overtakes the one in flight, which then never
lands. How each kind of navigation records itself in the history is one rule per source
(:mod:`navkit.navigation.records`). Nothing here imports Flet: the page is a :class:`Surface`.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import logging
from collections.abc import Collection
from typing import Any

from navkit.errors import Forbidden, InternalServerError
from navkit.navigation.branches import Stacks, Switch, ViewStack, asks_at_root
from navkit.navigation.decide import Asking, Decision, Refusal, decide, redirect_target
from navkit.navigation.freshness import Freshness
from navkit.navigation.guards import Outcome, refusable
from navkit.navigation.history import History
from navkit.navigation.leaving import LeaveCheck, LeaveChecks
from navkit.navigation.loading import Loads
from navkit.navigation.outcomes import (
    Cancelled,
    Failed,
    Landed,
    NavigationOutcome,
    Pending,
    Refused,
)
from navkit.navigation.records import entry_state, landed_as, record, restore
from navkit.navigation.snapshots import Snapshots
from navkit.navigation.stack import build_stack, pending_view, place_of
from navkit.navigation.surface import Screen, Surface
from navkit.navigation.tasks import Handoff, start
from navkit.navigation.tracing import Tracer
from navkit.navigation.urls import UrlStrategy, resolve
from navkit.navigation.values import FailedLevel, InFlight, Level, Navigation, Shown, Source
from navkit.navigation.views import Builder, build_levels
from navkit.navigation.waiting import Waiting
from navkit.routing.shells import Place
from navkit.routing.table import RouteTable

__all__ = ["DEFAULT_GUARD_TIMEOUT", "LeaveCheck", "NavigationMachine"]

log = logging.getLogger("navkit")

DEFAULT_GUARD_TIMEOUT = 10.0


class NavigationMachine:
    """The pipeline and the state of one page's navigation (see the module docstring).

    Two objects drive it: :class:`~navkit.Navigator`, the user's API, and
    :class:`~navkit.navigation.inbound.Inbound`, where the binding's events and the client
    history's listener enter. Both read its state below; only the pipeline writes it.
    """

    def __init__(
        self,
        router: RouteTable,
        surface: Surface,
        history: History,
        strategy: UrlStrategy,
        *,
        guard_timeout: float | None = DEFAULT_GUARD_TIMEOUT,
    ) -> None:
        self.router = router
        self.strategy = strategy
        self.guard_timeout = guard_timeout
        self.navigator: Any = None  # what views declaring a Navigator parameter receive
        self.surface = surface  # the page it shows on
        self.history = history  # the client's (the binding's wraps the browser's)
        self._shown: Shown | None = None
        self._stacks = Stacks()  # the views shown, and other branches' parked
        self._flight: InFlight | None = None
        self._task: asyncio.Task[Any] | None = None
        self._numbers = itertools.count(1)
        self.last_source: Source | None = None
        self.leave_checks = LeaveChecks()  # on_leave, by level address
        self._waiting = Waiting()  # outcomes, push_for_result callers
        self.tracer = Tracer()  # the last navigations: DEBUG logs, the inspector
        self._freshness = Freshness()  # stale levels, rebuilt when next shown
        self.loads = Loads()  # the routes' loader results, cached per address
        self.snapshots = Snapshots()  # what views keep of themselves, per history entry
        # Browser moves overtaken before they landed (the client shows where they went).
        self._drift: list[InFlight] = []
        # A push landed in the browser after the user moved it, while a
        # browser move was in flight (see Inbound.settled).
        self.strayed = False
        # Where other branches were left, read from a restored history: used
        # until a branch has a parked stack of its own (Inbound.restored).
        self.tops: dict[Place, str] = {}

    # -- what the navigator and the binding read ---------------------------

    @property
    def shown(self) -> Shown | None:
        """What is shown; None before the first navigation lands."""
        return self._shown

    @property
    def flight(self) -> InFlight | None:
        """The navigation in flight, if any."""
        return self._flight

    @property
    def task(self) -> asyncio.Task[Any] | None:
        """The task finishing the navigation in flight (None when it needs none)."""
        return self._task

    @property
    def stacks(self) -> Stacks:
        """The stack shown and the other branches' parked stacks."""
        return self._stacks

    def refresh(self, stale: Collection[str]) -> Pending:
        """Rebuild the levels at ``stale`` when next shown; now, if shown and nothing is in flight.

        A navigation in flight is never cancelled for it: it lands with them
        rebuilt, or a refresh follows it (see :mod:`navkit.navigation.freshness`).
        """
        pending = self._freshness.mark(stale)
        stale = set(stale)
        self.loads.drop(lambda level: level.address not in stale)  # their data is loaded again
        if self._flight is None:
            self._follow_up()
        elif asyncio.current_task() is self._task:  # awaited from the flight's own view
            self._freshness.take_waiting()
            pending.settle(Refused(self._flight.address, "asked inside this navigation"))
        return pending

    def _follow_up(self) -> None:
        """Nothing in flight: rebuild the stale levels shown, and tell refresh() callers."""
        shown = self._shown
        if shown is None or self._flight is not None:
            return
        pending, count = self._freshness.take_waiting(), len(shown.levels)
        index = self._freshness.kept_fresh(shown.levels, count)
        if index < count:  # a stale top: built again now
            self.begin(shown.address, Source.REFRESH, keep=index, pending=pending)
        elif pending is not None:
            pending.settle(Landed(shown.address))

    def close(self) -> None:
        """The page closed: the navigation in flight stops; whoever waits hears so."""
        self.overtake(successor=True)
        self._waiting.close()
        self.loads.close()

    # -- the pipeline ----------------------------------------------------

    def begin(  # noqa: PLR0913 - keyword-only: the parts some navigations have
        self,
        address: str,
        source: Source,
        *,
        keep: int | None = None,
        levels: tuple[Level, ...] | None = None,
        waiter: asyncio.Future[Any] | None = None,
        pending: Pending | None = None,
        **details: Any,
    ) -> Pending:
        """Start a navigation; it overtakes the one in flight.

        It runs synchronously unless an async guard or view makes it
        suspend; then it finishes in a task of its own.

        Args:
            address: Where it goes.
            source: What started it.
            keep: Rebuild the levels from this one up (refresh: 0).
            levels: Show these levels (asking nothing) instead of deciding.
            waiter: A push_for_result caller's future.
            pending: What the caller holds (made here when None).
            **details: More of the :class:`InFlight` (result, reshow_on_refusal, moved_by).

        Returns:
            Its pending outcome: settled already when nothing in it was async.
        """
        pending = Pending() if pending is None else pending
        again = functools.partial(
            self.begin, address, source, keep=keep, levels=levels, waiter=waiter, pending=pending
        )
        if self.surface.in_loop(functools.partial(again, **details)):
            return pending  # called from another thread: it runs on the page's loop
        shown, flight = self._shown, self._flight
        depth = len(shown.levels) if shown else 0
        if "state" not in details:  # the entry's, not one the caller gave
            details["state"] = entry_state(self.history, source, address, depth, self.router)
            details["gave_state"] = False
        same = shown is not None and details["state"] is shown.state  # else its top view reads it
        if source in (Source.GO, Source.REPLACE) and shown and address == shown.address and same:
            if keep is None and flight and flight.source is Source.REFRESH:
                self._waiting.join(flight, pending)  # the refresh shows it, fresh
                return pending
            fresh = self._freshness.kept_fresh(shown.levels, depth)
            if keep is None and fresh == depth:
                self.overtake(successor=False, by=address)
                pending.settle(Landed(address))
                return pending
        self.overtake(successor=True, by=address)
        came_from = shown.address if shown is not None else ""
        flight = InFlight(next(self._numbers), address, source, came_from, **details)
        self._flight = flight
        self._waiting.started(flight, pending, waiter)
        self.tracer.follow(flight, pending)
        started = start(self._run(flight, keep, levels))
        if not started.done and self._flight is flight:
            self._task = started.task
            self.surface.loading(True, pending_view(self.router, address))
        return pending

    def overtake(self, *, successor: bool, by: str | None = None) -> None:
        """The navigation in flight (if any) gives way: it never lands.

        Args:
            successor: Another navigation starts now. Without one, a client
                that moved first must show the address shown again, and
                nothing is waiting any more.
            by: The address of the navigation overtaking it (None: none).
        """
        flight, task = self._flight, self._task
        self._flight = self._task = None
        if flight is None:
            return
        if task is not None:
            task.cancel()
        if not successor:  # else the next one says whether it waits: one indicator
            self.surface.loading(False)
            self.surface.stayed()
        self._let_down(flight, Cancelled(flight.address, by), put_back=not successor)
        if not successor:
            self._follow_up()

    async def _run(
        self, flight: InFlight, keep: int | None, levels: tuple[Level, ...] | None
    ) -> bool:
        asking = Asking(
            table=self.router,
            source=flight.source,
            shown=self._stacks,
            came_from=flight.came_from,
            resolve=functools.partial(resolve, self.router),
            leave_checks={} if levels is not None else self.leave_checks.by_address,
            guard_timeout=self.guard_timeout,
            handoff=Handoff(),
            asking_user=functools.partial(self._asked, flight),
            rebuild=keep,
        )
        final, chain = flight.address, tuple[str, ...]()
        while True:
            if levels is None:
                decision = await decide(asking, final, chain)
                if self._flight is not flight:
                    return False  # overtaken: it never lands
                if isinstance(decision, Refusal):
                    if self._shown is not None:
                        self._refused(flight, decision.by)
                        return False
                    # Refused on the first page: there is nowhere to stay.
                    top = build_stack(self.router, final)[-1]
                    refused = (FailedLevel(top.address, Forbidden(path=top.path), top.match),)
                    decision = self._as_given(final, refused)
            else:  # levels given (a stale pop shown again, a view's refused redirect)
                decision = self._as_given(final, levels)
            final, levels, switch = decision.address, decision.levels, decision.switch
            base = switch.base.levels
            keep_now = decision.keep if keep is None else min(keep, len(levels), len(base))
            keep_now = self._freshness.kept_fresh(levels, keep_now)
            landing = landed_as(flight, final, self._shown)  # with the state its entry holds
            if (
                self._shown
                and final == self._shown.address
                and landing.state is not self._shown.state
            ):
                keep_now = min(keep_now, len(levels) - 1)  # landing with a new state: rebuilt
            match, source, came_from = levels[-1].match, flight.source, flight.came_from
            navigation = Navigation(final, match, source, came_from, chain, levels, landing.state)
            built = await build_levels(
                self.router,
                levels,
                keep_now,
                Builder(self.navigator, navigation, asking.handoff, self.surface, self.loads),
                functools.partial(self.leave_checks.collecting, flight.number),
            )
            if self._flight is not flight:
                return False
            if isinstance(built, tuple):
                levels = built[0]
                views = (*switch.base.views[:keep_now], *built[1])
                stack = ViewStack(levels, views)
                redirected = decision.redirected_from or chain
                self._finalize(landing, final, stack, keep_now, switch, built[2], redirected)
                return True
            # A view raised navkit.redirect(): decide again from its target.
            chain = (*chain, final)
            target = redirect_target(asking, final, Outcome(built.target, built.values), chain)
            if isinstance(target, str):
                final, levels, keep = target, None, None
                continue
            error = target or InternalServerError(detail=f"refused redirect from {final}")
            levels = (*levels[:-1], FailedLevel(levels[-1].address, error, levels[-1].match))

    def _asked(self, flight: InFlight, asked: bool) -> None:
        if self._flight is flight:  # a leave check waits for the user: not loading
            self.surface.loading(not asked, pending_view(self.router, flight.address))

    def _as_given(self, address: str, levels: tuple[Level, ...]) -> Decision:
        return Decision(address, levels, self._stacks.switch(self.router, levels))

    def _finalize(  # noqa: PLR0913 - each part of the landing, from _run
        self,
        flight: InFlight,
        final: str,
        shown: ViewStack,
        keep: int,
        switch: Switch,
        registered: dict[str, LeaveCheck],
        chain: tuple[str, ...],
    ) -> None:
        """The one step that writes what is shown, the history and the URL.

        ``chain``: the addresses redirected from on the way, first first.
        """
        self._flight = self._task = None
        self._drift = []  # the record rule moves the client from where it is
        self.last_source = flight.source
        levels = shown.levels
        self._stacks = Stacks(shown, switch.parked)
        staying = {level.address for level in levels[:keep]} | {
            level.address for stack in switch.parked.values() for level in stack.levels
        }
        self.leave_checks.landed(staying, registered)
        self.snapshots.leaving(self.history)  # the view shown until now, with its entry
        before = len(self._shown.levels) if self._shown is not None else 0
        self._shown = Shown(final, levels, flight.state)
        place = place_of(self.router, levels)
        if place is None or any(not top.beside(place) for top in self.tops):
            self.tops = {}  # the shell was left: its branches start afresh
        asks = refusable(self.router, levels, self.leave_checks.by_address)
        asks |= asks_at_root(place, levels)
        self.surface.commit(Screen(levels, shown.views, asks, self._stacks.parked_views, place))
        self.surface.loading(False)
        # The history makes the move on the client itself (the one writer of both).
        move = record(self.history, flight, final, closed=max(before - len(levels), 1))
        if move is None and self.strayed and self.history.current == final:
            self.history.landed_late(final)  # the browser shows another address
        self.strayed = False
        self.snapshots.landed(self.history, flight, shown, keep, staying, self.surface.snapshot_of)
        error = levels[-1].error
        outcome: NavigationOutcome = (
            Landed(final, chain) if error is None else Failed(final, error, chain)
        )
        held = self._stacks.addresses()  # a parked view may still give its result
        self._freshness.rebuilt(levels, keep, held)
        self._waiting.landed(flight, outcome, levels[-1].address, held)
        self._follow_up()

    def _refused(self, flight: InFlight, by: str) -> None:
        """A guard or leave check (``by``) refused ``flight``: the page stays as it is."""
        self._flight = self._task = None
        self.surface.loading(False)
        self.surface.stayed()
        self._let_down(flight, Refused(flight.address, by), put_back=True)
        if flight.reshow_on_refusal:
            self.surface.reshow_top()
        if flight.source is Source.REFRESH and self._shown is not None:
            # The user kept the page as it is: its views are not stale any more.
            self._freshness.rebuilt(self._shown.levels, 0, self._stacks.addresses())
        self._follow_up()

    def _let_down(self, flight: InFlight, outcome: NavigationOutcome, *, put_back: bool) -> None:
        """``flight`` never lands: its waiters hear ``outcome``; the URL may be put back."""
        self._waiting.let_down(flight, outcome)
        if flight.source.browser_moved:
            self._drift.append(flight)  # the client shows its address, not what is shown
        if put_back and self._drift and self._shown is not None:
            # Every browser move that never landed is undone at once: two
            # quick Backs, then a refusal, go forward by two.
            drift, self._drift = self._drift, []
            restore(self.history, drift, self._shown)

    @property
    def shown_now(self) -> Shown:
        """What is shown, or the address being opened while the first page builds."""
        if self._shown is not None:
            return self._shown
        if self._flight is not None:  # the first page builds: at the address it opened with
            return Shown(self._flight.came_from or self._flight.address, ())
        raise RuntimeError("the navigator has not shown anything yet: call start()")
