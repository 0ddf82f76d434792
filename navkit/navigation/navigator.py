"""The per-page navigator: what is shown, what is in flight, and the one finalize step.

One navigation, whatever started it::

    target ─resolve─▶ address ─decide─▶ final address, levels (guards, redirects)
           ─build─▶ views for the entering levels only ─finalize─▶ shown, history, URL

What is shown (:class:`Shown`) changes only in :meth:`Navigator._finalize`;
the navigation in flight (:class:`InFlight`) is a separate value that no
reader sees. Any new navigation -- even one to the address shown --
overtakes the one in flight, which then never lands. Nothing here imports
Flet: the page is reached through a :class:`Surface`.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import logging
from collections.abc import Callable
from typing import Any

from navkit.errors import AddressError, Forbidden, InternalServerError, Redirect
from navkit.navigation.decide import Asking, decide, redirect_target
from navkit.navigation.guards import Outcome
from navkit.navigation.history import History, HistoryState, Move
from navkit.navigation.records import record, restore
from navkit.navigation.stack import build_stack, kept
from navkit.navigation.surface import Surface
from navkit.navigation.tasks import Handoff, start
from navkit.navigation.urls import UrlStrategy
from navkit.navigation.values import InFlight, Level, Navigation, Shown, Source
from navkit.navigation.views import build_error, build_level
from navkit.routing.building import encode_query
from navkit.routing.location import is_app_address, path_of
from navkit.routing.routes import Match
from navkit.routing.table import RouteTable

__all__ = ["DEFAULT_GUARD_TIMEOUT", "Navigator"]

log = logging.getLogger("navkit")

DEFAULT_GUARD_TIMEOUT = 10.0

_BROWSER_SOURCES = {
    Move.BACK: Source.BROWSER_BACK,
    Move.FORWARD: Source.BROWSER_FORWARD,
    Move.NEW: Source.BROWSER_NEW,
}

LeaveCheck = Callable[[Navigation], Any]


class Navigator:
    """Navigation for one page: go, back, pop, and what is shown.

    Create it with ``router.attach(page)``; every page (browser tab) has its
    own, and they share nothing but the router's table. A view function that
    declares a parameter annotated ``navkit.Navigator`` receives it.
    """

    __navkit_inject__ = True  # see navkit.routing.signature.INJECT_MARKER

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
        self._surface = surface
        self._history = history
        self._shown: Shown | None = None
        self._flight: InFlight | None = None
        self._task: asyncio.Task[Any] | None = None
        self._numbers = itertools.count(1)
        self.last_source: Source | None = None
        # Leave checks by level address (on_leave), and where the views of
        # the navigation being built register theirs: (number, level, checks).
        self._leave_checks: dict[str, LeaveCheck] = {}
        self._collecting: tuple[int, str, dict[str, LeaveCheck]] | None = None
        # push_for_result callers: by navigation number until it lands, then
        # by the address of the view they pushed.
        self._awaiting: dict[int, asyncio.Future[Any]] = {}
        self._results: dict[str, asyncio.Future[Any]] = {}

    # -- what is shown -------------------------------------------------

    @property
    def page(self) -> Any:
        """The ``ft.Page`` this navigator drives (for dialogs, overlays...)."""
        return self._surface.page

    @property
    def current(self) -> Match | None:
        """The match of the top level shown (None when the address is not found)."""
        levels = self._shown_now.levels
        return levels[-1].match if levels else None

    @property
    def address(self) -> str:
        """The address shown (what ``page.route`` holds)."""
        return self._shown_now.address

    @property
    def stack(self) -> tuple[Level, ...]:
        """The levels shown, bottom first."""
        return self._shown_now.levels

    @property
    def history(self) -> HistoryState:
        """The history's entries and the current position."""
        return self._history.state

    @property
    def can_pop(self) -> bool:
        """True when there is a view beneath the top one shown."""
        return len(self._shown_now.levels) > 1

    @property
    def in_flight(self) -> InFlight | None:
        """The navigation started and not finished, if any (views being built see it here)."""
        return self._flight

    @property
    def surface(self) -> Surface:
        """The surface this navigator shows on (the binding's ``PageSurface``)."""
        return self._surface

    @property
    def task(self) -> asyncio.Task[Any] | None:
        """The task finishing the navigation in flight (None when it needs none)."""
        return self._task

    def on_leave(self, check: LeaveCheck) -> None:
        """Ask ``check`` before any navigation removes the view being built.

        Call it from a view function, e.g. for a form with unsaved changes.
        ``check`` is called with the :class:`~navkit.Navigation` (sync or
        async -- it may show a "Discard changes?" dialog and await the
        answer) and returns ``False`` to stay. It covers ``go``, back,
        ``pop``, refresh, the AppBar back arrow and the browser's Back:
        where the browser has moved already, navkit puts the address back.
        """
        if self._collecting is not None:
            self._collecting[2][self._collecting[1]] = check
        elif self._shown is not None:
            self._leave_checks[self._shown.levels[-1].address] = check

    def href(self, target: str, /, **values: Any) -> str:
        """The address a browser shows for a target (``/app/store/42``, ``/#/store/42``)."""
        return self.strategy.href(self.resolve(target, values))

    # -- navigating ------------------------------------------------------

    def go(self, target: str, /, **values: Any) -> None:
        """Navigate to ``target``, adding a history entry.

        The address shown already adds nothing (as in Flet; see
        :meth:`refresh`), but still overtakes a navigation in flight.

        Args:
            target: A path (``"/store/42"``) -- ``values`` become its query
                string -- or an endpoint, built with ``url_for(target, **values)``.

        Raises:
            AddressError: ``target`` is a path outside the app (``//host``).
            BuildError: ``target`` is an endpoint ``url_for`` cannot build.
        """
        self._begin(self.resolve(target, values), Source.GO)

    async def push_for_result(self, target: str, /, **values: Any) -> Any:
        """Push ``target`` and wait until it is closed; what it returned, or None.

        The pushed view returns a value with ``nav.pop(result=...)``. Closed
        any other way -- the AppBar back arrow, the browser's Back, a
        navigation elsewhere -- or refused by a guard, it gives ``None``.
        """
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        address = self.resolve(target, values)
        if address == self.address:
            self._overtake(put_back=True)
            return None
        self._begin(address, Source.GO, waiter=future)
        return await future

    def open_url(self, url: str) -> bool:
        """Go to the route a full URL or mobile deep link addresses.

        ``https://host/app/#/store/42?x=1`` and ``myapp://host/store/42`` both
        go to ``/store/42...`` (see :meth:`UrlStrategy.route_from_url`).

        Returns:
            False (nothing happens) for a URL outside the app's base path.
        """
        route = self.strategy.route_from_url(url)
        if route is None:
            return False
        self.go(route)
        return True

    def replace(self, target: str, /, **values: Any) -> None:
        """Like :meth:`go`, in place of the current history entry."""
        self._begin(self.resolve(target, values), Source.REPLACE)

    def back(self) -> bool:
        """Go to the previous history entry; False when there is none (or a guard says no)."""
        state = self._history.state
        if not state.can_back:
            return False
        return self._begin(state.entries[state.index - 1], Source.BACK)

    def forward(self) -> bool:
        """Go to the next history entry; False when there is none (or a guard says no)."""
        state = self._history.state
        if not state.can_forward:
            return False
        return self._begin(state.entries[state.index + 1], Source.FORWARD)

    def pop(self, result: Any = None) -> bool:
        """Close the top view shown and show the one beneath; False when it is the last.

        Args:
            result: Given to whoever opened the view with :meth:`push_for_result`.
        """
        levels = self._shown_now.levels
        if len(levels) < 2:
            return False
        return self._begin(levels[-2].address, Source.POP, result=result)

    def pop_until(self, target: str, /, **values: Any) -> bool:
        """Close views until the one for ``target`` (a path or endpoint) is on top.

        Returns:
            False (and nothing changes) when no view beneath matches.
        """
        levels = self._shown_now.levels
        for index in range(len(levels) - 2, -1, -1):
            if _level_is(levels[index], target, values):
                return self._begin(levels[index].address, Source.POP)
        return False

    def refresh(self) -> None:
        """Rebuild every view of the current address (Flet drops same-route events).

        Guards and leave checks are asked again: what was allowed may not be any more.
        """
        self._begin(self._shown_now.address, Source.REFRESH, keep=0)

    # -- entry points for the binding -------------------------------------

    def start(self, address: str) -> None:
        """Show the address the page opened with (a deep link arrives this way)."""
        self._begin(address, Source.DEEP_LINK)

    def route_changed(self, address: str) -> None:
        """A route change the app did not start: browser Back, Forward or a typed address."""
        # The browser has moved already (a route change for the entry it
        # shows is no move: Flet sends none, but a reconnect may).
        move = self._history.observe(address) if address != self._history.current else Move.NEW
        if self._shown is not None and address == self._shown.address:
            self._overtake(put_back=True)  # back where the page is: a pending navigation gives way
            return
        self._begin(address, _BROWSER_SOURCES[move])

    def reconnected(self, route: str, lost: int) -> None:
        """The client came back after losing its connection; it shows ``route``.

        Flet keeps the session and sends the client the whole page, but the
        client keeps its own address, and what navkit showed meanwhile
        never reached it. As Flet intends (it sends a route change for the
        client's address), the client's address wins: the page shows
        ``route`` again, and the history forgets the ``lost`` entries the
        browser never got.
        """
        self._history.forget(lost)
        if self._shown is not None and route == self._shown.address:
            return  # nothing was lost; a navigation still loading goes on
        if self._history.state.current != route:
            self._history.observe(route)
        self._begin(route, Source.RECONNECT)

    def view_popped(self, route: str, *, closed: bool = True) -> None:
        """The user closed the top view shown (AppBar back, Android back, iOS swipe).

        Args:
            route: The closed view's route.
            closed: False when the client asked first and still shows the
                view (``can_pop=False``): a refusal then changes nothing.
        """
        levels = self._shown_now.levels
        if all(level.address != route for level in levels):
            return  # closed already (e.g. by a confirmed pop): nothing to do
        if len(levels) < 2 or levels[-1].address != route:
            # A pop for a view that is not on top (a stale event): show the
            # current stack again so the client and Python agree.
            self._begin(self._shown_now.address, Source.REFRESH, keep=0, levels=levels)
            return
        self._begin(levels[-2].address, Source.VIEW_POP, reshow_on_refusal=closed)

    def close(self) -> None:
        """The page closed: the navigation in flight stops; whoever waits gets None."""
        self._overtake(put_back=False)
        for waiting in self._results.values():
            _settle(waiting, None)
        self._results.clear()

    # -- the pipeline ----------------------------------------------------

    def resolve(self, target: str, values: dict[str, Any]) -> str:
        """The address for a path or an endpoint with values.

        Raises:
            AddressError: A path a browser would read as another host
                (``//host``, ``/\\host``) or with control characters.
            BuildError: ``url_for`` cannot build the endpoint's address.
        """
        if target.startswith("/"):
            if not is_app_address(target):
                raise AddressError(
                    f"refused to navigate to {target!r}: it is not a path in the app"
                )
            if not values:
                return target
            query = encode_query(values.items(), None, self.router.converters)
            separator = "&" if "?" in target else "?"
            return f"{target}{separator}{query}" if query else target
        return self.router.url_for(target, **values)

    def _begin(
        self,
        address: str,
        source: Source,
        *,
        keep: int | None = None,
        levels: tuple[Level, ...] | None = None,
        result: Any = None,
        reshow_on_refusal: bool = False,
        waiter: asyncio.Future[Any] | None = None,
    ) -> bool:
        """Start a navigation; it overtakes the one in flight.

        It runs synchronously unless an async guard or view makes it
        suspend; then it finishes in a task of its own.

        Returns:
            False when refused at once; True otherwise.
        """
        again = functools.partial(
            self._begin,
            address,
            source,
            keep=keep,
            levels=levels,
            result=result,
            reshow_on_refusal=reshow_on_refusal,
            waiter=waiter,
        )
        if self._surface.in_loop(again):
            return True  # called from another thread: it runs on the page's loop
        shown = self._shown
        if source in (Source.GO, Source.REPLACE) and shown and address == shown.address:
            self._overtake(put_back=True)
            return True
        self._overtake(put_back=False)
        flight = InFlight(
            next(self._numbers),
            address,
            source,
            shown.address if shown is not None else "",
            result,
            reshow_on_refusal,
        )
        self._flight = flight
        if waiter is not None:
            self._awaiting[flight.number] = waiter
        started = start(self._run(flight, keep, levels))
        if started.done:
            return bool(started.result)
        if self._flight is flight:
            self._task = started.task
            self._surface.loading(True)
        return True

    def _overtake(self, *, put_back: bool) -> None:
        """The navigation in flight (if any) gives way: it never lands.

        Args:
            put_back: No other navigation follows: if the client moved
                first, it must show the address shown again.
        """
        flight, task = self._flight, self._task
        self._flight = self._task = None
        if flight is None:
            return
        if task is not None:
            task.cancel()
        self._surface.loading(False)
        self._let_down(flight, put_back=put_back)

    async def _run(
        self, flight: InFlight, keep: int | None, levels: tuple[Level, ...] | None
    ) -> bool:
        shown = self._shown.levels if self._shown is not None else ()
        asking = Asking(
            table=self.router,
            source=flight.source,
            shown=shown,
            came_from=flight.came_from,
            resolve=self.resolve,
            leave_checks={} if levels is not None else self._leave_checks,
            guard_timeout=self.guard_timeout,
            handoff=Handoff(),
            rebuild=keep == 0,
        )
        final, chain = flight.address, tuple[str, ...]()
        while True:
            if levels is None:
                decided = await decide(asking, final, chain)
                if self._flight is not flight:
                    return False  # overtaken: it never lands
                if decided is None:
                    if self._shown is not None:
                        self._refused(flight)
                        return False
                    # Refused on the first page: there is nowhere to stay.
                    top = build_stack(self.router, final)[-1]
                    decided = final, (Level(top.address, top.match, Forbidden(path=top.path)),)
                final, levels = decided
            keep_now = kept(shown, levels) if keep is None else min(keep, len(levels))
            built = await self._build(flight, asking, levels, keep_now)
            if self._flight is not flight:
                return False
            if isinstance(built, tuple):
                levels = built[0]
                self._finalize(flight, final, levels, keep_now, built[1], built[2])
                return True
            # A view raised navkit.redirect(): decide again from its target.
            chain = (*chain, final)
            target = redirect_target(asking, final, Outcome(built.target, built.values), chain)
            if isinstance(target, str):
                final, levels, keep = target, None, None
                continue
            error = target or InternalServerError(f"refused redirect from {final}")
            levels = (*levels[:-1], Level(levels[-1].address, levels[-1].match, error))

    async def _build(
        self, flight: InFlight, asking: Asking, levels: tuple[Level, ...], keep: int
    ) -> tuple[tuple[Level, ...], list[Any], dict[str, LeaveCheck]] | Redirect:
        """Call the views of the entering levels; the levels as built and their views."""
        registered: dict[str, LeaveCheck] = {}
        built_levels, views = list(levels[:keep]), []
        for level in levels[keep:]:
            self._collecting = (flight.number, level.address, registered)
            try:
                if level.error is not None:
                    built = await build_error(self.router, level, asking.handoff)
                else:
                    outcome = await build_level(self.router, level, self, asking.handoff)
                    if isinstance(outcome, Redirect):
                        return outcome
                    built = outcome
            finally:
                if self._collecting is not None and self._collecting[0] == flight.number:
                    self._collecting = None
            built_levels.append(built.level)
            views.append(self._surface.render(built))
        return tuple(built_levels), views, registered

    def _finalize(
        self,
        flight: InFlight,
        final: str,
        levels: tuple[Level, ...],
        keep: int,
        views: list[Any],
        registered: dict[str, LeaveCheck],
    ) -> None:
        """The one step that writes what is shown, the history and the URL."""
        self._flight = self._task = None
        self.last_source = flight.source
        staying = {level.address for level in levels[:keep]}
        self._leave_checks = {
            address: check for address, check in self._leave_checks.items() if address in staying
        } | registered
        self._shown = Shown(final, levels)
        self._surface.commit(levels, keep, views, self._refusable(levels))
        self._surface.loading(False)
        url = record(self._history, flight, final)
        if url is not None:
            self._surface.push_url(url)
        if flight.source in (Source.POP, Source.VIEW_POP):
            closed = self._results.pop(flight.came_from, None)
            if closed is not None:
                _settle(closed, flight.result)
        waiter = self._awaiting.pop(flight.number, None)
        if waiter is not None:
            self._results[levels[-1].address] = waiter
        self._close_results(levels)

    def _refused(self, flight: InFlight) -> None:
        """A guard or leave check refused ``flight``: the page stays as it is."""
        self._flight = self._task = None
        self._surface.loading(False)
        self._let_down(flight, put_back=True)
        if flight.reshow_on_refusal:
            self._surface.reshow_top()

    def _let_down(self, flight: InFlight, *, put_back: bool) -> None:
        """``flight`` will never land: whoever waits on it hears so; the URL may be put back."""
        waiter = self._awaiting.pop(flight.number, None)
        if waiter is not None:
            _settle(waiter, None)
        if put_back and flight.source.browser_moved and self._shown is not None:
            url = restore(self._history, self._shown.address)
            if url is not None:
                self._surface.push_url(url)

    def _refusable(self, levels: tuple[Level, ...]) -> frozenset[str]:
        """The addresses of the levels whose closing might be refused.

        A level's is when it registered an :meth:`on_leave` check, or when
        guards are asked before entering the level beneath it.
        """
        refusable = set(self._leave_checks)
        table = self.router
        for below, level in itertools.pairwise(levels):
            route = below.match.route if below.match is not None else None
            guards = table.guards if route is None else table.guards_for(route)
            if any(not getattr(guard, "never_refuses", False) for guard in guards):
                refusable.add(level.address)
        return frozenset(refusable)

    def _close_results(self, levels: tuple[Level, ...]) -> None:
        """Views closed without a result give None to whoever waits for them."""
        if not self._results:
            return
        shown = {level.address for level in levels}
        for address in [address for address in self._results if address not in shown]:
            _settle(self._results.pop(address), None)

    @property
    def _shown_now(self) -> Shown:
        if self._shown is not None:
            return self._shown
        if self._flight is not None:
            # The first page is being built: nothing is shown yet, at the
            # address the page opened with (page.route holds it).
            return Shown(self._flight.came_from or self._flight.address, ())
        raise RuntimeError("the navigator has not shown anything yet: call start()")


def _settle(future: asyncio.Future[Any], value: Any) -> None:
    if not future.done():
        future.set_result(value)


def _level_is(level: Level, target: str, values: dict[str, Any]) -> bool:
    if target.startswith("/"):
        return level.path == path_of(target) or level.address == target
    match = level.match
    if match is None or match.endpoint != target:
        return False
    return all(match.params.get(name) == value for name, value in values.items())
